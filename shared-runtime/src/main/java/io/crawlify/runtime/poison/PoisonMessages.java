package io.crawlify.runtime.poison;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.pubsub.v1.PubsubMessage;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps messages that cannot be handled (unreadable, dead-lettered), so they are acked once and can be inspected,
 * never redelivered forever. Recording the same message twice keeps the first.
 */
@ApplicationScoped
public class PoisonMessages {

    private final Pool pool;

    public PoisonMessages(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(String subscription, PubsubMessage message, String reason) {
        Log.warnf("poison message %s on %s: %s", message.getMessageId(), subscription, reason);
        return pool.preparedQuery("""
                insert into poison_messages (subscription, message_id, data, attributes, reason)
                values ($1, $2, $3, $4, $5) on conflict (subscription, message_id) do nothing""")
                .execute(Tuple.of(subscription, message.getMessageId(),
                        // PostgreSQL text cannot hold NUL: a hostile payload must still be recorded.
                        message.getData().toString(StandardCharsets.UTF_8).replace((char) 0, '\uFFFD'),
                        new JsonObject(Map.copyOf(message.getAttributesMap())), reason))
                .replaceWithVoid();
    }
}
