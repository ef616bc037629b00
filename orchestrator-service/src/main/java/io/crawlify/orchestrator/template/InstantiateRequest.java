package io.crawlify.orchestrator.template;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.orchestrator.api.ApiException;

/** The body of {@code POST /templates/{id}/instantiate}: an optional workflow name and the parameter values. */
record InstantiateRequest(String name, JsonNode parameters) {

    private static final Set<String> FIELDS = Set.of("name", "parameters");

    static InstantiateRequest parse(JsonNode body) {
        if (body == null || body.isNull()) {
            return new InstantiateRequest(null, null);
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("$", "the body must be a JSON object: {\"name\"?, \"parameters\": {...}}");
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest(field, "unknown property '" + field + "' (known: name, parameters)");
            }
        });
        JsonNode name = body.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw ApiException.badRequest("name", "name must be a string");
        }
        return new InstantiateRequest(name == null || name.isNull() ? null : name.textValue(), body.get("parameters"));
    }
}
