package io.crawlify.orchestrator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.pubsub.v1.PubsubMessage;

import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.StepEvent;
import io.crawlify.model.message.StepTask;
import io.crawlify.orchestrator.engine.ExecutionReconciler;
import io.crawlify.orchestrator.engine.StepScheduler;
import io.crawlify.orchestrator.engine.crawl.SeedFrontier;
import io.crawlify.orchestrator.execution.TaskRunStore;
import io.crawlify.runtime.poison.PoisonMessages;
import io.crawlify.runtime.pubsub.Envelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Tasks that crashed their worker on every delivery, which Pub/Sub moved to the dead-letter topic. Running them again
 * would crash again: a page task is recorded as failed and counted, so its crawl can still finish; a step attempt
 * fails with {@code dead_letter}, and its retry policy decides what follows. Both are kept as poison for inspection.
 */
@ApplicationScoped
public class DeadLetterHandler {

    private final TaskRunStore taskRuns;
    private final SeedFrontier frontier;
    private final ExecutionReconciler reconciler;
    private final StepScheduler scheduler;
    private final PoisonMessages poison;
    private final MeterRegistry metrics;

    public DeadLetterHandler(TaskRunStore taskRuns, SeedFrontier frontier, ExecutionReconciler reconciler,
            StepScheduler scheduler, PoisonMessages poison, MeterRegistry metrics) {
        this.taskRuns = taskRuns;
        this.frontier = frontier;
        this.reconciler = reconciler;
        this.scheduler = scheduler;
        this.poison = poison;
        this.metrics = metrics;
    }

    public Uni<Void> pageTask(String subscription, PubsubMessage message, PageTask task) {
        int deliveries = Envelope.deadLetterDeliveries(message);
        Log.warnf("task %s (%s) dead-lettered after %d delivery attempts", task.taskId(), task.url(), deliveries);
        metrics.counter("crawlify.orchestrator.dead.letters").increment();
        return taskRuns.recordDeadLetter(task, deliveries)
                .chain(() -> poison.record(subscription, message, "dead-lettered task"))
                .chain(() -> frontier.recordFailed(task.executionId(), task.stepId(), task.taskId()))
                .chain(remaining -> remaining > 0 ? Uni.createFrom().voidItem()
                        : reconciler.reconcile(task.executionId()).replaceWithVoid());
    }

    public Uni<Void> stepTask(String subscription, PubsubMessage message, StepTask task) {
        int deliveries = Envelope.deadLetterDeliveries(message);
        Log.warnf("step attempt %s dead-lettered after %d delivery attempts", task.taskId(), deliveries);
        metrics.counter("crawlify.orchestrator.dead.letters").increment();
        StepEvent failed = StepEvent.failed(task, null, null, "dead_letter",
                "the step crashed its worker on each of " + (deliveries == 0 ? "?" : deliveries) + " deliveries",
                null, null, System.currentTimeMillis(), 0);
        return scheduler.onStepEvent(failed).chain(() -> poison.record(subscription, message, "dead-lettered step"));
    }
}
