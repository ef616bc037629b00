package io.crawlify.orchestrator.execution;

import io.crawlify.orchestrator.engine.ExecutionStats;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** An execution as the API shows it. */
public record ExecutionResponse(UUID id, UUID workflowId, int workflowVersion, String status, String trigger,
        JsonNode input, ExecutionStats stats, Instant createdAt, Instant startedAt, Instant finishedAt,
        String error) {
}
