package io.crawlify.orchestrator.engine;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Brings an execution up to date: copies its live counters into PostgreSQL, ends its fan-out steps whose tasks
 * drained and advances its DAG. Called when a worker reports the last task of a step, and periodically for every
 * active execution (the safety net for a lost event), where it also fails fan-out steps that stopped making
 * progress. Runs on every instance; each step is idempotent.
 */
@ApplicationScoped
public class ExecutionReconciler {

    /** A running fan-out step of an execution. */
    private record StepKey(UUID executionId, String stepId) {
    }

    /** When the number of finished tasks of a step last changed. */
    private record Progress(long finished, long sinceNanos) {
    }

    private final Pool pool;
    private final ExecutionStatsStore statsStore;
    private final FanOutCompletion completion;
    private final Duration stallTimeout;
    private final Map<StepKey, Progress> progress = new ConcurrentHashMap<>();

    public ExecutionReconciler(Pool pool, ExecutionStatsStore statsStore,
            FanOutCompletion completion, OrchestratorConfig config) {
        this.pool = pool;
        this.statsStore = statsStore;
        this.completion = completion;
        this.stallTimeout = config.executions().stallTimeout();
    }

    /** Returns the execution's fan-out steps still running (none once it ended). */
    public Uni<List<FanOutCompletion.Running>> reconcile(UUID executionId) {
        return statsStore.copyLive(executionId)
                .chain(active -> !active ? Uni.createFrom().item(List.<FanOutCompletion.Running>of())
                        : completion.check(executionId));
    }

    @Scheduled(every = "${crawlify.executions.reconcile-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcileActive() {
        return activeIds()
                .invoke(ids -> progress.keySet().removeIf(key -> !ids.contains(key.executionId())))
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> reconcileAndWatch(id)
                        .onFailure().recoverWithItem(e -> {
                            Log.warnf("reconciling execution %s failed: %s", id, e.getMessage());
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> reconcileAndWatch(UUID id) {
        return reconcile(id).chain(running -> {
            Set<StepKey> still = new HashSet<>();
            Uni<Void> stalls = Uni.createFrom().voidItem();
            for (FanOutCompletion.Running step : running) {
                StepKey key = new StepKey(id, step.stepId());
                still.add(key);
                if (stalled(key, step.stats())) {
                    Log.warnf("step %s of execution %s stalled: %d task(s) unfinished, no progress for %s",
                            step.stepId(), id, step.stats().remaining(), stallTimeout);
                    progress.remove(key);
                    stalls = stalls.chain(() -> completion.stalled(id, step.stepId(), step.stats(), stallTimeout));
                }
            }
            progress.keySet().removeIf(key -> key.executionId().equals(id) && !still.contains(key));
            return stalls;
        });
    }

    private boolean stalled(StepKey key, ExecutionStats stats) {
        long finished = stats.tasksCompleted() + stats.tasksFailed();
        long now = System.nanoTime();
        Progress last = progress.merge(key, new Progress(finished, now),
                (old, fresh) -> old.finished() == finished ? old : fresh);
        return Duration.ofNanos(now - last.sinceNanos()).compareTo(stallTimeout) >= 0;
    }

    private Uni<Set<UUID>> activeIds() {
        return pool.query("select id from executions where status in ('pending', 'running')").execute()
                .map(rows -> {
                    Set<UUID> ids = new HashSet<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }
}
