package io.crawlify.orchestrator.trigger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.trigger.ScheduleTrigger;
import io.crawlify.orchestrator.execution.ExecutionService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;

/**
 * Cron triggers as quarkus-scheduler jobs, one per (workflow, trigger index), on every instance. Each tick is
 * claimed in {@code trigger_firings} under its scheduled time truncated to the second; the instance that claims
 * it starts the execution, the others count the tick as taken.
 */
@ApplicationScoped
public class ScheduleTriggers {

    public static final String TRIGGER_TYPE = ScheduleTrigger.TYPE;

    private final Scheduler scheduler;
    private final TriggerLedger ledger;
    private final ExecutionService executions;
    private final MeterRegistry metrics;
    /** Scheduled jobs by identity, with the trigger each was scheduled from. */
    private final Map<String, WorkflowTrigger> jobs = new ConcurrentHashMap<>();

    public ScheduleTriggers(Scheduler scheduler, TriggerLedger ledger, ExecutionService executions,
            MeterRegistry metrics) {
        this.scheduler = scheduler;
        this.ledger = ledger;
        this.executions = executions;
        this.metrics = metrics;
    }

    /** Makes the scheduled jobs match {@code desired} (the schedule triggers of active workflows). */
    public synchronized void sync(List<WorkflowTrigger> desired) {
        Map<String, WorkflowTrigger> wanted = desired.stream()
                .filter(t -> t.spec() instanceof ScheduleTrigger)
                .collect(Collectors.toMap(ScheduleTriggers::identity, Function.identity()));
        jobs.entrySet().removeIf(job -> {
            if (job.getValue().equals(wanted.get(job.getKey()))) {
                return false;
            }
            scheduler.unscheduleJob(job.getKey());
            Log.infof("unscheduled %s of workflow %s", job.getValue().key(), job.getValue().workflowId());
            return true;
        });
        wanted.forEach((identity, trigger) -> {
            if (!jobs.containsKey(identity) && schedule(identity, trigger)) {
                jobs.put(identity, trigger);
            }
        });
    }

    /** The identities of the jobs this instance runs. */
    public java.util.Set<String> scheduled() {
        return java.util.Set.copyOf(jobs.keySet());
    }

    private boolean schedule(String identity, WorkflowTrigger trigger) {
        ScheduleTrigger schedule = (ScheduleTrigger) trigger.spec();
        try {
            scheduler.newJob(identity)
                    .setCron(schedule.cron())
                    .setTimeZone(schedule.timezone())
                    .setAsyncTask(execution -> fire(trigger, schedule, execution))
                    .schedule();
        } catch (RuntimeException e) {
            Log.errorf("cannot schedule %s of workflow %s (cron '%s'): %s", trigger.key(), trigger.workflowId(),
                    schedule.cron(), e.getMessage());
            return false;
        }
        Log.infof("scheduled %s of workflow %s: cron '%s' in %s on instance %s", trigger.key(), trigger.workflowId(),
                schedule.cron(), schedule.timezone(), ledger.instance());
        return true;
    }

    private Uni<Void> fire(WorkflowTrigger trigger, ScheduleTrigger schedule, ScheduledExecution execution) {
        Instant tick = execution.getScheduledFireTime().truncatedTo(ChronoUnit.SECONDS);
        return ledger.claimTick(trigger, schedule, tick)
                .invoke(claimed -> metrics.counter("crawlify.triggers.schedule.ticks",
                        "outcome", claimed ? "claimed" : "taken").increment())
                .chain(claimed -> claimed ? start(trigger, schedule, tick) : Uni.createFrom().voidItem())
                .onFailure().recoverWithItem(e -> {
                    Log.errorf("%s of workflow %s at %s did not start an execution: %s", trigger.key(),
                            trigger.workflowId(), tick, e.getMessage());
                    return null;
                });
    }

    private Uni<Void> start(WorkflowTrigger trigger, ScheduleTrigger schedule, Instant tick) {
        return executions.start(trigger.workflowId(), schedule.input(), TRIGGER_TYPE)
                .call(started -> ledger.recordTickExecution(trigger, tick, started.id()))
                .invoke(started -> {
                    metrics.counter("crawlify.triggers.fired", "type", TRIGGER_TYPE).increment();
                    Log.infof("%s of workflow %s fired for %s: execution %s", trigger.key(), trigger.workflowId(),
                            tick, started.id());
                })
                .replaceWithVoid();
    }

    private static String identity(WorkflowTrigger trigger) {
        return "crawlify-trigger-" + trigger.workflowId() + "-" + trigger.index();
    }
}
