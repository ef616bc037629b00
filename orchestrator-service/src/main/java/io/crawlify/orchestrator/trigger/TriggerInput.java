package io.crawlify.orchestrator.trigger;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** The input a webhook body or an event message starts an execution with: one JSON value; nothing at all is {}. */
public final class TriggerInput {

    private final ObjectReader reader;
    private final ObjectMapper json;

    public TriggerInput(ObjectMapper json) {
        this.json = json;
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public JsonNode parse(String data) throws IOException {
        if (data == null || data.isBlank()) {
            return json.createObjectNode();
        }
        return reader.readTree(data);
    }
}
