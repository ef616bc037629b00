package io.crawlify.orchestrator.engine;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.workflow.StepDefinition;
import io.smallrye.mutiny.Uni;

/**
 * A step type that fans out into many tasks (a crawl into its pages) and ends when every one of them finished,
 * not when one worker reports. The engine asks it how to start, how far it got and what it hands on; it never asks
 * which type a step is. One implementation per such type, found through CDI.
 */
public interface FanOutStep {

    /** The step type served, as written in workflows. */
    String type();

    /** Publishes the step's first tasks; {@code context} is what its templates see. */
    Uni<Dispatched> dispatch(StepRun run, StepDefinition step, JsonNode context);

    /** The step's task counters; {@link ExecutionStats#drained()} once every task finished. */
    Uni<ExecutionStats> progress(UUID executionId, String stepId);

    /** How the step ends, its tasks drained or stalled: the verdict and the output later steps see. */
    Uni<Ending> end(StepRun run, StepDefinition step, ExecutionStats progress, Duration stalledFor);

    /** Lets what the step kept while running expire, once its execution ended. */
    Uni<Void> expire(UUID executionId, String stepId, Duration retention);

    /** One running attempt of a fan-out step. */
    record StepRun(UUID executionId, UUID workflowId, int workflowVersion, String stepId) {
    }

    /** The outcome of a fan-out step: failed with {@code errorKind} and {@code error}, or succeeded. */
    record Ending(boolean succeeded, JsonNode output, String errorKind, String error) {
    }
}
