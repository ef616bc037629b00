package io.crawlify.worker.step;

import com.fasterxml.jackson.databind.JsonNode;

/** A step run that succeeded: its output and its log text. Apply a {@link Redactor} before either leaves. */
public record StepResult(JsonNode output, String logs) {
}
