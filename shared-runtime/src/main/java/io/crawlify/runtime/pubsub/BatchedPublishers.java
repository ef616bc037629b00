package io.crawlify.runtime.pubsub;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.api.core.ApiFuture;
import com.google.api.gax.batching.BatchingSettings;
import com.google.cloud.pubsub.v1.Publisher;

import io.crawlify.model.message.Message;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.smallrye.mutiny.Uni;

/** Publishers of wrapped messages that batch by count, bytes and delay; one per topic. */
public final class BatchedPublishers {

    private BatchedPublishers() {
    }

    public static Publisher create(QuarkusPubSub pubSub, String topic, long batchMessages, Duration batchDelay) {
        try {
            return pubSub.publisher(topic, b -> b.setBatchingSettings(BatchingSettings.newBuilder()
                    .setElementCountThreshold(batchMessages)
                    .setRequestByteThreshold(1_000_000L)
                    .setDelayThresholdDuration(batchDelay)
                    .build()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the publisher of " + topic, e);
        }
    }

    /** Publishes the messages and completes once Pub/Sub holds every one of them. */
    public static Uni<Void> publish(Publisher publisher, List<? extends Message> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ApiFuture<String>> sent = new ArrayList<>(messages.size());
        for (Message message : messages) {
            sent.add(publisher.publish(Envelope.wrap(message)));
        }
        return PubSubFutures.all(sent).replaceWithVoid();
    }

    public static Uni<Void> publish(Publisher publisher, Message message) {
        return PubSubFutures.toUni(publisher.publish(Envelope.wrap(message))).replaceWithVoid();
    }

    /** Flushes what is batched and stops; for shutdown. */
    public static void shutdown(Publisher publisher) throws InterruptedException {
        if (publisher != null) {
            publisher.shutdown();
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
