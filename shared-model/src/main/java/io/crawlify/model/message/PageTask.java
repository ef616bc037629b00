package io.crawlify.model.message;

import java.util.UUID;

/**
 * One page to process: published on {@code crawlify-tasks}. {@code taskId} is deterministic (see {@link TaskIds})
 * so a redelivered or re-published task has the same effects exactly once.
 */
public record PageTask(
        int v,
        String taskId,
        UUID executionId,
        UUID workflowId,
        int workflowVersion,
        String stepId,
        String phaseId,
        String url,
        int depth,
        String marker,
        String parentTaskId) implements Message {

    public static final int VERSION = 1;

    public static PageTask of(UUID executionId, UUID workflowId, int workflowVersion, String stepId, String phaseId,
            String url, int depth, String marker, String parentTaskId) {
        return new PageTask(VERSION, TaskIds.forPage(executionId, stepId, url), executionId, workflowId,
                workflowVersion, stepId, phaseId, url, depth, marker, parentTaskId);
    }
}
