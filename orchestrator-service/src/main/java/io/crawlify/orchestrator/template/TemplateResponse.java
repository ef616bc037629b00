package io.crawlify.orchestrator.template;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.template.TemplateParameter;

/** A template as the API shows it; {@code definition} is omitted in lists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateResponse(UUID id, String name, String description, List<TemplateParameter> parameters,
        Instant createdAt, Instant updatedAt, JsonNode definition) {
}
