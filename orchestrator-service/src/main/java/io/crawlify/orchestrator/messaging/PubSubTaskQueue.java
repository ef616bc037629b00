package io.crawlify.orchestrator.messaging;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import com.google.cloud.pubsub.v1.Publisher;

import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.StepTask;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.engine.TaskQueue;
import io.crawlify.runtime.pubsub.BatchedPublishers;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * The engine's task queue on Pub/Sub: the tasks topic, batched. A publish that fails or hangs is retried with
 * backoff before the engine sees the failure; a task published twice has its effect once (deterministic ids).
 */
@ApplicationScoped
public class PubSubTaskQueue implements TaskQueue {

    private final QuarkusPubSub pubSub;
    private final OrchestratorConfig.PubSub config;
    private volatile Publisher publisher;

    public PubSubTaskQueue(QuarkusPubSub pubSub, OrchestratorConfig config) {
        this.pubSub = pubSub;
        this.config = config.pubsub();
    }

    @Override
    @AsynchronousNonBlocking
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 200, jitter = 100)
    @ExponentialBackoff
    public Uni<Void> publishPages(List<PageTask> tasks) {
        return BatchedPublishers.publish(publisher(), tasks);
    }

    @Override
    @AsynchronousNonBlocking
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 200, jitter = 100)
    @ExponentialBackoff
    public Uni<Void> publishStep(StepTask task) {
        return BatchedPublishers.publish(publisher(), task);
    }

    private Publisher publisher() {
        Publisher current = publisher;
        if (current == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = BatchedPublishers.create(pubSub, config.tasksTopic(), config.batchMessages(),
                            config.batchDelay());
                }
                current = publisher;
            }
        }
        return current;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        BatchedPublishers.shutdown(publisher);
    }
}
