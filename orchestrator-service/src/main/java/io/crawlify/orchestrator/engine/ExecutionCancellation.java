package io.crawlify.orchestrator.engine;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.engine.StepScheduler.Finished;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Ends an execution on request, with every step that had not ended. */
@ApplicationScoped
public class ExecutionCancellation {

    /** What a cancel found: the execution's status after it ({@code cancelled} if this call ended it). */
    public record Cancelled(boolean found, boolean ended, String status) {
    }

    private record CancelOutcome(Cancelled cancelled, Finished finished) {
    }

    private final Pool pool;
    private final StepRunStore store;
    private final PinnedDefinitions definitions;
    private final ExecutionCounters counters;
    private final ExecutionStatsStore statsStore;
    private final ExecutionEndings endings;
    private final Duration retention;

    public ExecutionCancellation(Pool pool, StepRunStore store, PinnedDefinitions definitions,
            ExecutionCounters counters, ExecutionStatsStore statsStore, ExecutionEndings endings,
            OrchestratorConfig config) {
        this.pool = pool;
        this.store = store;
        this.definitions = definitions;
        this.counters = counters;
        this.statsStore = statsStore;
        this.endings = endings;
        this.retention = config.executions().frontierRetention();
    }

    /**
     * Cancels an active execution: flags it first (workers drop its tasks and admit no new URLs from then on), keeps
     * its final counters, ends it and every step that had not ended. The row lock orders this with the scheduler.
     */
    public Uni<Cancelled> cancel(UUID executionId) {
        return pool.withTransaction(conn -> store.lock(conn, executionId).chain(execution -> {
            if (execution == null) {
                return Uni.createFrom().item(new CancelOutcome(new Cancelled(false, false, null), null));
            }
            if (!ExecutionStatus.isActive(execution.status())) {
                return Uni.createFrom().item(new CancelOutcome(new Cancelled(true, false, execution.status()), null));
            }
            return counters.cancel(executionId, retention)
                    .chain(() -> statsStore.copyLive(conn, executionId))
                    .chain(() -> store.finish(conn, executionId, ExecutionStatus.CANCELLED, null))
                    .chain(() -> store.cancelUnfinished(conn, executionId))
                    .chain(() -> definitions.get(conn, execution.workflowId(), execution.workflowVersion()))
                    .map(definition -> new CancelOutcome(new Cancelled(true, true, ExecutionStatus.CANCELLED),
                            new Finished(executionId, execution.workflowId(), definition, ExecutionStatus.CANCELLED,
                                    null, execution.startedAt())));
        })).invoke(outcome -> {
            if (outcome.finished() != null) {
                endings.ended(outcome.finished());
            }
        }).map(CancelOutcome::cancelled);
    }

}
