package io.crawlify.model.step;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The step a {@code for_each} runs once per element: a type, its raw config (rendered per element, with
 * {@code item} and {@code index} in the context) and an optional timeout of one run.
 */
public record NestedStep(String type, JsonNode config, Long timeoutMs) {
}
