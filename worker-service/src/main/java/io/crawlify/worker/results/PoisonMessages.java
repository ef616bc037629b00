package io.crawlify.worker.results;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Keeps messages that cannot be parsed, so they are acked once and can be inspected, never redelivered forever. */
@ApplicationScoped
public class PoisonMessages {

    private final Pool pool;

    public PoisonMessages(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(String subscription, String messageId, String data, Map<String, String> attributes,
            String reason) {
        return pool.preparedQuery("""
                insert into poison_messages (subscription, message_id, data, attributes, reason)
                values ($1, $2, $3, $4, $5) on conflict (subscription, message_id) do nothing
                """)
                .execute(Tuple.of(subscription, messageId, data, new JsonObject(Map.copyOf(attributes)), reason))
                .replaceWithVoid();
    }
}
