package io.crawlify.orchestrator.execution;

import com.fasterxml.jackson.databind.JsonNode;

/** An extracted item: the page it came from, the phase that extracted it, and its fields. */
public record ItemResponse(String url, String phase, JsonNode data) {
}
