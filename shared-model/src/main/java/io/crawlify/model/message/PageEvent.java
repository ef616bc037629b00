package io.crawlify.model.message;

import java.util.UUID;

/**
 * Outcome of a task, published on {@code crawlify-events}. {@code remaining} is the execution's count of tasks
 * not yet finished, taken atomically when this task was recorded: 0 means the frontier drained.
 */
public record PageEvent(
        int v,
        Type type,
        String taskId,
        UUID executionId,
        String stepId,
        String url,
        long pages,
        long items,
        long bytes,
        int childrenEnqueued,
        String errorKind,
        String errorMessage,
        long durationMs,
        long remaining) implements Message {

    public static final int VERSION = 1;

    public enum Type {
        @com.fasterxml.jackson.annotation.JsonProperty("task.succeeded") SUCCEEDED,
        @com.fasterxml.jackson.annotation.JsonProperty("task.failed") FAILED
    }
}
