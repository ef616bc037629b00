package io.crawlify.orchestrator.trigger;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.crawlify.orchestrator.workflow.WorkflowChanged;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps this instance's schedule jobs and event subscribers in line with the triggers of active workflows in
 * PostgreSQL: at startup, whenever a workflow changes through this instance, and every
 * {@code crawlify.triggers.sync-interval} for changes made through other instances. One sync runs at a time; a
 * request arriving meanwhile runs one more afterwards.
 */
@ApplicationScoped
public class TriggerSync {

    private final TriggerDefinitions definitions;
    private final ScheduleTriggers schedules;
    private final EventTriggerSource events;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean stopped;

    public TriggerSync(TriggerDefinitions definitions, ScheduleTriggers schedules, EventTriggerSource events) {
        this.definitions = definitions;
        this.schedules = schedules;
        this.events = events;
    }

    @Scheduled(every = "${crawlify.triggers.sync-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        request();
    }

    void onWorkflowChanged(@Observes WorkflowChanged changed) {
        request();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        events.stopAll();
    }

    /** Asks for a sync; returns at once. */
    public void request() {
        pending.set(true);
        if (!stopped && running.compareAndSet(false, true)) {
            runOnce();
        }
    }

    private void runOnce() {
        pending.set(false);
        syncOnce().subscribe().with(ok -> done(), e -> {
            if (!stopped) {
                Log.warnf("trigger sync failed (next sync retries): %s", e.getMessage());
            }
            done();
        });
    }

    private void done() {
        running.set(false);
        if (pending.get() && !stopped && running.compareAndSet(false, true)) {
            runOnce();
        }
    }

    private Uni<Void> syncOnce() {
        return definitions.active()
                .invoke(schedules::sync)
                .call(schedules::startUnstarted)
                .chain(events::sync);
    }
}
