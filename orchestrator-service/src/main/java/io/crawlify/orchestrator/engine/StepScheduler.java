package io.crawlify.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.message.StepEvent;
import io.crawlify.model.workflow.RetryPolicy;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.workflow.WorkflowDefinition;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.engine.ExecutionStatus;
import io.crawlify.orchestrator.engine.StepRunStore.Attempt;
import io.crawlify.orchestrator.engine.StepRunStore.LockedExecution;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Moves executions through their DAG. Every change — a step outcome, a fan-out step that drained, a retry delay that
 * passed, a timeout — ends in {@link #advance}: under a lock on the execution row it skips what can no longer run,
 * dispatches what became ready, and ends the execution once every step is over. Any instance may call it at any
 * time; the row lock and the conditional updates make it idempotent.
 */
@ApplicationScoped
public class StepScheduler {

    /** The result of one transaction: when to look again, and whether it ended the execution. */
    public record Advanced(UUID executionId, Optional<Instant> wakeAt, Optional<Finished> finished) {
        static final Advanced NONE = new Advanced(null, Optional.empty(), Optional.empty());
    }

    public record Finished(UUID executionId, UUID workflowId, WorkflowDefinition definition, String status,
            String error, Instant startedAt) {
    }


    private static final int MAX_PASSES = 16;

    private final Pool pool;
    private final StepRunStore store;
    private final StepDispatcher dispatcher;
    private final PinnedDefinitions definitions;
    private final FanOutSteps fanOuts;
    private final ExecutionStatsStore statsStore;
    private final ExecutionEndings endings;
    private final OrchestratorConfig.Steps config;
    private final Vertx vertx;
    private final Map<UUID, Instant> wakeups = new ConcurrentHashMap<>();

    public StepScheduler(Pool pool, StepRunStore store, StepDispatcher dispatcher, PinnedDefinitions definitions,
            FanOutSteps fanOuts, ExecutionStatsStore statsStore, ExecutionEndings endings, OrchestratorConfig config,
            Vertx vertx) {
        this.pool = pool;
        this.store = store;
        this.dispatcher = dispatcher;
        this.definitions = definitions;
        this.fanOuts = fanOuts;
        this.statsStore = statsStore;
        this.endings = endings;
        this.config = config.steps();
        this.vertx = vertx;
    }

    /** Creates the step runs of a new execution and dispatches its first steps. */
    public Uni<Void> start(UUID executionId, WorkflowDefinition definition) {
        return transaction(conn -> store.create(conn, executionId, definition)
                .chain(() -> advanceIn(conn, executionId, 0)));
    }

    public Uni<Void> advance(UUID executionId) {
        return transaction(conn -> advanceIn(conn, executionId, 0));
    }

    /** Applies one attempt's outcome (once: a redelivered or late event for another attempt is ignored). */
    public Uni<Void> onStepEvent(StepEvent event) {
        return transaction(conn -> store.lock(conn, event.executionId()).chain(execution -> {
            if (execution == null || !ExecutionStatus.isActive(execution.status())) {
                return Uni.createFrom().item(Advanced.NONE);
            }
            return store.runningAttempt(conn, event.executionId(), event.stepId()).chain(running -> {
                if (running == null || running.attempt() != event.attempt()) {
                    Log.debugf("ignoring %s for attempt %d of %s: not the running attempt", event.type(),
                            event.attempt(), event.taskId());
                    return Uni.createFrom().item(Advanced.NONE);
                }
                return definitions.get(conn, execution.workflowId(), execution.workflowVersion())
                        .chain(definition -> applyOutcome(conn, execution, definition.step(event.stepId()), event))
                        .chain(() -> advanceIn(conn, event.executionId(), 0));
            });
        }));
    }

    /**
     * Ends a running fan-out step — its tasks drained, or it stalled — with the given outcome, then advances the DAG.
     * Ignored when the step is no longer running (another instance ended it first).
     */
    public Uni<Void> endFanOut(UUID executionId, String stepId, FanOutStep.Ending ending) {
        return transaction(conn -> store.lock(conn, executionId).chain(execution -> {
            if (execution == null || !ExecutionStatus.isActive(execution.status())) {
                return Uni.createFrom().item(Advanced.NONE);
            }
            return store.runningAttempt(conn, executionId, stepId).chain(running -> {
                if (running == null) {
                    return advanceIn(conn, executionId, 0);
                }
                Instant now = Instant.now();
                Instant started = running.startedAt() == null ? now : running.startedAt();
                Attempt record = new Attempt(stepId, running.attempt(),
                        ending.succeeded() ? StepStatus.SUCCEEDED : StepStatus.FAILED, started, now,
                        Duration.between(started, now).toMillis(), ending.errorKind(), ending.error(), null);
                Uni<Void> end = ending.succeeded() ? store.succeed(conn, executionId, stepId, ending.output(), null)
                        : store.fail(conn, executionId, record, ending.output(), null, null);
                return store.recordAttempt(conn, executionId, record).chain(() -> end)
                        .chain(() -> advanceIn(conn, executionId, 0));
            });
        }));
    }

    private Uni<Void> applyOutcome(SqlConnection conn, LockedExecution execution, StepDefinition step,
            StepEvent event) {
        Instant started = Instant.ofEpochMilli(event.startedAtMs());
        boolean succeeded = event.type() == StepEvent.Type.SUCCEEDED;
        Attempt attempt = new Attempt(step.id(), event.attempt(), succeeded ? StepStatus.SUCCEEDED : StepStatus.FAILED,
                started, started.plusMillis(event.durationMs()), event.durationMs(), event.errorKind(),
                event.errorMessage(), event.httpStatus());
        Uni<Void> recorded = store.recordAttempt(conn, execution.id(), attempt);
        if (succeeded) {
            return recorded.chain(() -> store.succeed(conn, execution.id(), step.id(), event.output(), event.logs()));
        }
        Instant retryAt = retryAt(step.retry(), event.attempt(), event.errorKind(), event.httpStatus(),
                event.retryAfterMs());
        if (retryAt == null) {
            endings.stepFailed(execution.workflowId(), step.id(), event.errorKind());
        }
        Log.infof("step %s of execution %s attempt %d failed (%s: %s)%s", step.id(), execution.id(), event.attempt(),
                event.errorKind(), event.errorMessage(), retryAt == null ? "" : "; retrying at " + retryAt);
        return recorded.chain(() -> store.fail(conn, execution.id(), attempt, event.output(), event.logs(), retryAt));
    }

    /** When to try again, or null when the policy says this failure is final. */
    static Instant retryAt(RetryPolicy policy, int attempt, String errorKind, Integer httpStatus, Long retryAfterMs) {
        if (attempt >= policy.attempts() || !policy.retries(errorKind, httpStatus)) {
            return null;
        }
        Duration delay = policy.jitteredDelayBefore(attempt + 1);
        if (retryAfterMs != null && retryAfterMs > delay.toMillis()) {
            delay = Duration.ofMillis(retryAfterMs);
        }
        return Instant.now().plus(delay);
    }

    private Uni<Advanced> advanceIn(SqlConnection conn, UUID executionId, int pass) {
        return store.lock(conn, executionId).chain(execution -> {
            if (execution == null || !ExecutionStatus.isActive(execution.status())) {
                return Uni.createFrom().item(Advanced.NONE);
            }
            // An execution's step runs are created by start(), in a transaction of their own after the execution
            // row's: until then there is nothing to advance (read as "every step done", no runs once ended a
            // just-started execution as succeeded when the reconciler came between the two).
            return definitions.get(conn, execution.workflowId(), execution.workflowVersion())
                    .chain(definition -> store.runs(conn, executionId)
                            .chain(runs -> runs.isEmpty() ? Uni.createFrom().item(Advanced.NONE)
                                    : apply(conn, execution, definition, runs, pass)));
        });
    }

    private Uni<Advanced> apply(SqlConnection conn, LockedExecution execution, WorkflowDefinition definition,
            Map<String, StepRunState> runs, int pass) {
        DagPlan.Decision decision = DagPlan.decide(definition, runs, Instant.now(), this::orchestratorTimeout);
        if (decision.finalStatus().isPresent()) {
            return Multi.createFrom().iterable(decision.skips())
                    .onItem().transformToUniAndConcatenate(s -> store.skip(conn, execution.id(), s.stepId(), s.reason()))
                    .collect().last()
                    // The row keeps the final counters: the last copy may predate the task that drained a step.
                    .chain(() -> statsStore.copyLive(conn, execution.id()))
                    .chain(() -> store.finish(conn, execution.id(), decision.finalStatus().get(), decision.error()))
                    .map(ended -> new Advanced(execution.id(), Optional.empty(), !ended ? Optional.empty()
                            : Optional.of(new Finished(execution.id(), execution.workflowId(), definition,
                                    decision.finalStatus().get(), decision.error(), execution.startedAt()))));
        }
        Uni<Boolean> again = Multi.createFrom().iterable(decision.skips())
                .onItem().transformToUniAndConcatenate(s -> store.skip(conn, execution.id(), s.stepId(), s.reason()))
                .collect().last()
                .chain(() -> Multi.createFrom().iterable(decision.expired())
                        .onItem().transformToUniAndConcatenate(e -> expire(conn, execution, definition, e))
                        .collect().last())
                .chain(() -> Multi.createFrom().iterable(decision.dispatch())
                        .onItem().transformToUniAndConcatenate(id -> dispatch(conn, execution, definition, id, runs))
                        .collect().asList())
                .map(dispatched -> !decision.expired().isEmpty() || !decision.skips().isEmpty()
                        || dispatched.contains(Boolean.TRUE));
        return again.chain(more -> more && pass < MAX_PASSES ? advanceIn(conn, execution.id(), pass + 1)
                : Uni.createFrom().item(new Advanced(execution.id(), decision.wakeAt(), Optional.empty())));
    }

    /**
     * Claims and dispatches one ready step; true when it ended at once (a fan-out with nothing to do, or one whose
     * config does not render).
     */
    private Uni<Boolean> dispatch(SqlConnection conn, LockedExecution execution, WorkflowDefinition definition,
            String stepId, Map<String, StepRunState> runs) {
        StepDefinition step = definition.step(stepId);
        return store.claim(conn, execution.id(), stepId).chain(attempt -> {
            if (attempt == null) {
                return Uni.createFrom().item(false);
            }
            return dispatcher.dispatch(execution, definition, step, attempt, runs).chain(result -> {
                Instant now = Instant.now();
                return switch (result.outcome()) {
                    case PUBLISHED -> Uni.createFrom().item(false);
                    case INVALID -> {
                        Attempt failed = new Attempt(stepId, attempt, StepStatus.FAILED, now, now, 0, "expression",
                                result.error(), null);
                        endings.stepFailed(execution.workflowId(), stepId, "expression");
                        yield store.recordAttempt(conn, execution.id(), failed)
                                .chain(() -> store.fail(conn, execution.id(), failed, null, null, null))
                                .replaceWith(true);
                    }
                    case ENDED -> store.recordAttempt(conn, execution.id(), new Attempt(stepId, attempt,
                            StepStatus.SUCCEEDED, now, now, 0, null, null, null))
                            .chain(() -> store.succeed(conn, execution.id(), stepId, result.output(), null))
                            .replaceWith(true);
                };
            });
        });
    }

    private Uni<Void> expire(SqlConnection conn, LockedExecution execution, WorkflowDefinition definition,
            DagPlan.Expire expired) {
        StepDefinition step = definition.step(expired.stepId());
        Instant now = Instant.now();
        Attempt attempt = new Attempt(step.id(), expired.attempt(), StepStatus.FAILED, now.minus(expired.after()), now,
                expired.after().toMillis(), "timeout",
                "no outcome reported within " + expired.after().toSeconds() + " s (the worker may have stopped)", null);
        Instant retryAt = retryAt(step.retry(), expired.attempt(), "timeout", null, null);
        if (retryAt == null) {
            endings.stepFailed(execution.workflowId(), step.id(), "timeout");
        }
        Log.warnf("step %s of execution %s attempt %d timed out without an outcome", step.id(), execution.id(),
                expired.attempt());
        return store.recordAttempt(conn, execution.id(), attempt)
                .chain(() -> store.fail(conn, execution.id(), attempt, null, null, retryAt));
    }

    /** The orchestrator's own bound on a step attempt; fan-out steps end when their tasks drained, not by a clock. */
    private Optional<Duration> orchestratorTimeout(StepDefinition step) {
        if (fanOuts.fansOut(step)) {
            return Optional.empty();
        }
        Duration timeout = step.timeoutMs() == null ? config.defaultTimeout() : Duration.ofMillis(step.timeoutMs());
        return Optional.of(timeout.plus(config.timeoutGrace()));
    }

    private Uni<Void> transaction(java.util.function.Function<SqlConnection, Uni<Advanced>> work) {
        return pool.withTransaction(work).invoke(this::afterCommit).replaceWithVoid();
    }

    private void afterCommit(Advanced advanced) {
        if (advanced == null || advanced.executionId() == null) {
            return;
        }
        advanced.finished().ifPresent(endings::ended);
        advanced.wakeAt().ifPresent(at -> wakeUp(advanced.executionId(), at));
    }

    /**
     * Looks at the execution again when a retry delay or a timeout runs out. In memory, so lost on restart: the
     * periodic reconciler advances every active execution as the safety net.
     */
    private void wakeUp(UUID executionId, Instant at) {
        Instant pending = wakeups.get(executionId);
        if (pending != null && !pending.isAfter(at) && pending.isAfter(Instant.now())) {
            return;
        }
        wakeups.put(executionId, at);
        long delayMs = Math.max(1, Duration.between(Instant.now(), at).toMillis() + 5);
        vertx.setTimer(delayMs, timer -> {
            wakeups.remove(executionId, at);
            advance(executionId).subscribe().with(ok -> {
            }, e -> Log.warnf("advancing execution %s failed: %s", executionId, e.getMessage()));
        });
    }
}
