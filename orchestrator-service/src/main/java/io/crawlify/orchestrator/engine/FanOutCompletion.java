package io.crawlify.orchestrator.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.orchestrator.engine.FanOutStep.StepRun;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Ends an execution's running fan-out steps (its crawls) once every one of their tasks finished, each with the
 * verdict and output its {@link FanOutStep} gives, then advances the DAG — which also serves as the periodic safety
 * net for lost timers.
 */
@ApplicationScoped
public class FanOutCompletion {

    /** A fan-out step still running, with its counters (for stall detection). */
    public record Running(String stepId, ExecutionStats stats) {
    }

    private record RunningStep(StepRun run, String type) {
    }

    private final Pool pool;
    private final StepScheduler scheduler;
    private final PinnedDefinitions definitions;
    private final FanOutSteps fanOuts;

    public FanOutCompletion(Pool pool, StepScheduler scheduler, PinnedDefinitions definitions, FanOutSteps fanOuts) {
        this.pool = pool;
        this.scheduler = scheduler;
        this.definitions = definitions;
        this.fanOuts = fanOuts;
    }

    /** Ends the drained fan-out steps and advances the execution; returns those still running. */
    public Uni<List<Running>> check(UUID executionId) {
        return runningSteps(executionId).chain(steps -> Multi.createFrom().iterable(steps)
                .onItem().transformToUniAndConcatenate(step -> {
                    FanOutStep fanOut = fanOuts.of(step.type()).orElseThrow();
                    return fanOut.progress(executionId, step.run().stepId()).chain(stats -> !stats.drained()
                            ? Uni.createFrom().item(Optional.of(new Running(step.run().stepId(), stats)))
                            : end(fanOut, step.run(), stats, null).replaceWith(Optional.<Running>empty()));
                })
                .collect().asList())
                // Ending a step advanced the DAG already; otherwise advance it here (the safety net for lost timers).
                .call(running -> running.stream().allMatch(Optional::isPresent) ? scheduler.advance(executionId)
                        : Uni.createFrom().voidItem())
                .map(running -> running.stream().flatMap(Optional::stream).toList());
    }

    /** Fails a fan-out step whose tasks stopped finishing. */
    public Uni<Void> stalled(UUID executionId, String stepId, ExecutionStats stats, Duration timeout) {
        return runningSteps(executionId).chain(steps -> Multi.createFrom().iterable(steps)
                .filter(step -> step.run().stepId().equals(stepId))
                .onItem().transformToUniAndConcatenate(step -> end(fanOuts.of(step.type()).orElseThrow(), step.run(),
                        stats, timeout))
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> end(FanOutStep fanOut, StepRun run, ExecutionStats stats, Duration stalledFor) {
        return pool.withConnection(conn -> definitions.get(conn, run.workflowId(), run.workflowVersion()))
                .chain(definition -> fanOut.end(run, definition.step(run.stepId()), stats, stalledFor))
                .chain(ending -> scheduler.endFanOut(run.executionId(), run.stepId(), ending));
    }

    private Uni<List<RunningStep>> runningSteps(UUID executionId) {
        return pool.preparedQuery("""
                select r.step_id, r.type, e.workflow_id, e.workflow_version from step_runs r
                join executions e on e.id = r.execution_id
                where r.execution_id = $1 and r.status = 'running' and r.type = any($2)""")
                .execute(Tuple.of(executionId, fanOuts.types().toArray(String[]::new)))
                .map(rows -> {
                    List<RunningStep> steps = new ArrayList<>();
                    for (Row row : rows) {
                        steps.add(new RunningStep(new StepRun(executionId, row.getUUID("workflow_id"),
                                row.getInteger("workflow_version"), row.getString("step_id")), row.getString("type")));
                    }
                    return steps;
                });
    }
}
