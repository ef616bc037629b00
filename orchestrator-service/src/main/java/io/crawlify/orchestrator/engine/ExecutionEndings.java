package io.crawlify.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.engine.StepScheduler.Finished;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;

/**
 * What follows the end of an execution or a step, once the transaction that ended it committed: per-workflow
 * metrics, the log line, and letting the execution's Redis frontier expire.
 */
@ApplicationScoped
public class ExecutionEndings {

    private final MeterRegistry metrics;
    private final ExecutionCounters counters;
    private final FanOutSteps fanOuts;
    private final Duration retention;

    public ExecutionEndings(MeterRegistry metrics, ExecutionCounters counters, FanOutSteps fanOuts,
            OrchestratorConfig config) {
        this.fanOuts = fanOuts;
        this.metrics = metrics;
        this.counters = counters;
        this.retention = config.executions().frontierRetention();
    }

    public void ended(Finished finished) {
        String workflow = finished.workflowId().toString();
        metrics.counter("crawlify.executions.finished", "status", finished.status()).increment();
        metrics.counter("crawlify.workflow.executions", "workflow", workflow, "status", finished.status()).increment();
        if (finished.startedAt() != null) {
            Timer.builder("crawlify.workflow.execution.duration").tag("workflow", workflow)
                    .tag("status", finished.status()).register(metrics)
                    .record(Duration.between(finished.startedAt(), Instant.now()));
        }
        Log.infof("execution %s %s%s", finished.executionId(), finished.status(),
                finished.error() == null ? "" : ": " + finished.error());
        counters.expire(finished.executionId(), retention)
                .chain(() -> fanOuts.expire(finished.executionId(), finished.definition(), retention))
                .subscribe().with(ok -> {
        }, e -> Log.warnf("could not expire the frontier of %s: %s", finished.executionId(), e.getMessage()));
    }

    public void stepFailed(java.util.UUID workflowId, String stepId, String errorKind) {
        metrics.counter("crawlify.workflow.step.failures", "workflow", workflowId.toString(), "step", stepId,
                "kind", errorKind == null ? "unknown" : errorKind).increment();
    }
}
