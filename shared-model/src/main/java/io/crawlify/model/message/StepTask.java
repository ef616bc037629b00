package io.crawlify.model.message;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One attempt of a non-crawl step: published on {@code crawlify-tasks} as {@link MessageKind#STEP_TASK}.
 * {@code context} is what the step's templates and expressions see: {@code input}, {@code execution} and the
 * outputs of the steps it depends on ({@code steps.<id>.output}); credentials are never in it — the worker resolves
 * the ones the step references. The task id names the attempt, so a redelivered message runs the attempt once.
 */
public record StepTask(
        int v,
        String taskId,
        UUID executionId,
        UUID workflowId,
        int workflowVersion,
        String stepId,
        int attempt,
        JsonNode context) implements Message {

    public static final int VERSION = 1;

    public static StepTask of(UUID executionId, UUID workflowId, int workflowVersion, String stepId, int attempt,
            JsonNode context) {
        return new StepTask(VERSION, TaskIds.forStep(executionId, stepId, attempt), executionId, workflowId,
                workflowVersion, stepId, attempt, context);
    }
}
