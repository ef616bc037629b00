package io.crawlify.orchestrator.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What dispatching a step attempt did: published its task(s), ended it at once (a crawl with nothing to crawl,
 * with the output it hands on), or failed it because its config does not render.
 */
public record Dispatched(Outcome outcome, JsonNode output, String error) {

    public enum Outcome { PUBLISHED, ENDED, INVALID }

    public static final Dispatched PUBLISHED = new Dispatched(Outcome.PUBLISHED, null, null);

    public static Dispatched ended(JsonNode output) {
        return new Dispatched(Outcome.ENDED, output, null);
    }

    public static Dispatched invalid(String error) {
        return new Dispatched(Outcome.INVALID, null, error);
    }
}
