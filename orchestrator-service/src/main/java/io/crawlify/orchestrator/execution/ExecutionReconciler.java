package io.crawlify.orchestrator.execution;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Periodically copies live counters of running executions into PostgreSQL and ends those whose frontier
 * drained: the safety net for a lost final event. Runs on every instance; the update is idempotent.
 */
@ApplicationScoped
public class ExecutionReconciler {

    private final ExecutionService executions;

    public ExecutionReconciler(ExecutionService executions) {
        this.executions = executions;
    }

    @Scheduled(every = "${crawlify.executions.reconcile-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        return executions.activeIds()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> executions.reconcile(id)
                        .onFailure().recoverWithItem(e -> {
                            Log.warnf("reconciling execution %s failed: %s", id, e.getMessage());
                            return false;
                        }))
                .collect().last().replaceWithVoid();
    }
}
