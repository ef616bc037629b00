package io.crawlify.worker.messaging;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import com.google.cloud.pubsub.v1.Publisher;

import io.crawlify.model.message.PageEvent;
import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.StepEvent;
import io.crawlify.runtime.pubsub.BatchedPublishers;
import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.report.Reporter;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * Publishes discovered child tasks and task outcome events, batched. A publish that fails or hangs is retried a
 * few times with jittered delays before the task is nacked: republishing is harmless, since child task ids are
 * derived from execution, step and URL (the frontier runs each once) and the orchestrator applies an event once
 * per task id. Each attempt calls the method again, so a retry really sends the messages again.
 */
@ApplicationScoped
public class PubSubReporter implements Reporter {

    private final QuarkusPubSub pubSub;
    private final WorkerConfig config;
    private Publisher tasks;
    private Publisher events;

    public PubSubReporter(QuarkusPubSub pubSub, WorkerConfig config) {
        this.pubSub = pubSub;
        this.config = config;
    }

    @PostConstruct
    void start() {
        tasks = BatchedPublishers.create(pubSub, config.topics().tasks(), config.publish().batchMessages(),
                config.publish().batchDelay());
        events = BatchedPublishers.create(pubSub, config.topics().events(), config.publish().batchMessages(),
                config.publish().batchDelay());
    }

    // Per page: retried, but not timed by an interceptor (a timer per call measurably slowed the shop bench); the
    // Pub/Sub client's own publish deadlines bound a hung publish.
    @Override
    @AsynchronousNonBlocking
    @Retry(maxRetries = 3, delay = 200, jitter = 100)
    public Uni<Void> publishTasks(List<PageTask> children) {
        return BatchedPublishers.publish(tasks, children);
    }

    @Override
    @AsynchronousNonBlocking
    @Retry(maxRetries = 3, delay = 200, jitter = 100)
    public Uni<Void> pageEvent(PageEvent event) {
        return BatchedPublishers.publish(events, event);
    }

    @Override
    @AsynchronousNonBlocking
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 200, jitter = 100)
    public Uni<Void> stepEvent(StepEvent event) {
        return BatchedPublishers.publish(events, event);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        BatchedPublishers.shutdown(tasks);
        BatchedPublishers.shutdown(events);
    }
}
