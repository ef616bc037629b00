package io.crawlify.model.message;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Outcome of one step attempt, published on {@code crawlify-events} as {@link MessageKind#STEP_EVENT}. Output,
 * logs and error are already redacted of every credential value the step used. {@code retryAfterMs} is a lower
 * bound on the next attempt's delay (an open circuit breaker's remaining open time).
 */
public record StepEvent(
        int v,
        Type type,
        String taskId,
        UUID executionId,
        String stepId,
        int attempt,
        JsonNode output,
        String logs,
        String errorKind,
        String errorMessage,
        Integer httpStatus,
        Long retryAfterMs,
        long startedAtMs,
        long durationMs) implements Message {

    public static final int VERSION = 1;

    public enum Type {
        @JsonProperty("step.succeeded") SUCCEEDED,
        @JsonProperty("step.failed") FAILED
    }

    public static StepEvent succeeded(StepTask task, JsonNode output, String logs, long startedAtMs, long durationMs) {
        return new StepEvent(VERSION, Type.SUCCEEDED, task.taskId(), task.executionId(), task.stepId(), task.attempt(),
                output, logs, null, null, null, null, startedAtMs, durationMs);
    }

    public static StepEvent failed(StepTask task, JsonNode output, String logs, String errorKind, String errorMessage,
            Integer httpStatus, Long retryAfterMs, long startedAtMs, long durationMs) {
        return new StepEvent(VERSION, Type.FAILED, task.taskId(), task.executionId(), task.stepId(), task.attempt(),
                output, logs, errorKind, errorMessage, httpStatus, retryAfterMs, startedAtMs, durationMs);
    }
}
