package io.crawlify.orchestrator.trigger;

import java.util.UUID;

/** What a webhook call answers with (202): the execution it started. */
public record WebhookResponse(UUID executionId, UUID workflowId, int workflowVersion, String status,
        String trigger) {
}
