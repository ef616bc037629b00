package io.crawlify.orchestrator.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.trigger.ScheduleTrigger;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.execution.ExecutionService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Cron triggers as quarkus-scheduler jobs, one per (workflow, trigger index), on every instance. Each tick is
 * claimed in {@code trigger_firings} under its scheduled time truncated to the second; the instance that claims
 * it starts the execution, the others count the tick as taken. A tick claimed but never started (its instance
 * died, or the start failed) is started late by the next trigger sync of any instance once its claim lease is
 * over ({@link #startUnstarted}).
 */
@ApplicationScoped
public class ScheduleTriggers {

    public static final String TRIGGER_TYPE = ScheduleTrigger.TYPE;

    private final Scheduler scheduler;
    private final TriggerLedger ledger;
    private final ExecutionService executions;
    private final MeterRegistry metrics;
    private final Duration claimLease;
    private final Duration catchUpWindow;
    /** Scheduled jobs by identity, with the trigger each was scheduled from. */
    private final Map<String, WorkflowTrigger> jobs = new ConcurrentHashMap<>();

    public ScheduleTriggers(Scheduler scheduler, TriggerLedger ledger, ExecutionService executions,
            MeterRegistry metrics, OrchestratorConfig config) {
        this.scheduler = scheduler;
        this.ledger = ledger;
        this.executions = executions;
        this.metrics = metrics;
        this.claimLease = config.triggers().claimLease();
        this.catchUpWindow = config.triggers().catchUpWindow();
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

    /**
     * Starts the ticks of {@code desired} schedules that were claimed but never started: their claimer died between
     * claim and start, or its start failed. A tick is taken over once its claim is older than the claim lease, and
     * only within the catch-up window; a start that fails again is retried after another lease.
     */
    public Uni<Void> startUnstarted(List<WorkflowTrigger> desired) {
        Map<String, WorkflowTrigger> schedules = desired.stream()
                .filter(t -> t.spec() instanceof ScheduleTrigger)
                .collect(Collectors.toMap(t -> t.workflowId() + " " + t.key(), Function.identity(), (a, b) -> a));
        if (schedules.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ledger.unstartedTicks(claimLease, catchUpWindow)
                .onItem().transformToMulti(ticks -> Multi.createFrom().iterable(ticks))
                .onItem().transformToUniAndConcatenate(tick -> {
                    WorkflowTrigger trigger = schedules.get(tick.workflowId() + " " + tick.triggerKey());
                    return trigger == null ? Uni.createFrom().voidItem() : startLate(trigger, tick);
                })
                .collect().last()
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("could not look for schedule ticks left unstarted (next sync retries): %s",
                            e.getMessage());
                    return null;
                });
    }

    private Uni<Void> startLate(WorkflowTrigger trigger, TriggerLedger.UnstartedTick tick) {
        return ledger.takeOverTick(tick, claimLease)
                .chain(taken -> {
                    if (!taken) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.warnf("%s of workflow %s: the tick at %s was claimed but never started; starting it now",
                            trigger.key(), trigger.workflowId(), tick.fireTime());
                    metrics.counter("crawlify.triggers.schedule.ticks", "outcome", "started_late").increment();
                    return start(trigger, (ScheduleTrigger) trigger.spec(), tick.fireTime());
                })
                .onFailure().recoverWithItem(e -> {
                    Log.errorf("%s of workflow %s at %s still did not start an execution (retried after %s): %s",
                            trigger.key(), trigger.workflowId(), tick.fireTime(), claimLease, e.getMessage());
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
