package io.crawlify.orchestrator.workflow;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A workflow as the API shows it; {@code definition} is the current version's (omitted in lists). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowResponse(UUID id, String name, String description, int version, String status,
        Instant createdAt, Instant updatedAt, JsonNode definition) {
}
