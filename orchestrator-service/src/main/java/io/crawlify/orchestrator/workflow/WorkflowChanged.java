package io.crawlify.orchestrator.workflow;

import java.util.UUID;

/**
 * Fired (synchronously, after the commit) when a workflow was created, got a new version, changed status or was
 * deleted on this instance; triggers re-read their definitions at once instead of at the next periodic sync.
 */
public record WorkflowChanged(UUID workflowId) {
}
