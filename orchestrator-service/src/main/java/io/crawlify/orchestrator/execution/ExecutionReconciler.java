package io.crawlify.orchestrator.execution;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Periodically copies live counters of running executions into PostgreSQL, ends those whose frontier drained
 * (the safety net for a lost final event) and fails those that stopped making progress. Runs on every instance;
 * each step is idempotent.
 */
@ApplicationScoped
public class ExecutionReconciler {

    /** When the number of finished tasks last changed. */
    private record Progress(long finished, long sinceNanos) {
    }

    private final ExecutionService executions;
    private final Duration stallTimeout;
    private final Map<UUID, Progress> progress = new ConcurrentHashMap<>();

    public ExecutionReconciler(ExecutionService executions, OrchestratorConfig config) {
        this.executions = executions;
        this.stallTimeout = config.executions().stallTimeout();
    }

    @Scheduled(every = "${crawlify.executions.reconcile-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        return executions.activeIds()
                .invoke(ids -> progress.keySet().retainAll(new HashSet<>(ids)))
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> reconcile(id)
                        .onFailure().recoverWithItem(e -> {
                            Log.warnf("reconciling execution %s failed: %s", id, e.getMessage());
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> reconcile(UUID id) {
        return executions.reconcile(id).chain(running -> {
            if (running.isEmpty()) {
                progress.remove(id);
                return Uni.createFrom().voidItem();
            }
            ExecutionStats stats = running.get();
            long finished = stats.tasksCompleted() + stats.tasksFailed();
            long now = System.nanoTime();
            Progress last = progress.merge(id, new Progress(finished, now),
                    (old, fresh) -> old.finished() == finished ? old : fresh);
            if (Duration.ofNanos(now - last.sinceNanos()).compareTo(stallTimeout) < 0) {
                return Uni.createFrom().voidItem();
            }
            Log.warnf("execution %s stalled: %d task(s) unfinished, no progress for %s", id, stats.remaining(),
                    stallTimeout);
            progress.remove(id);
            return executions.failStalled(id, stats);
        });
    }
}
