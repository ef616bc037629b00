package io.crawlify.orchestrator.engine;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** What the scheduler needs to know of one step run. */
public record StepRunState(String stepId, String status, int attempt, Instant dueAt, Instant startedAt,
        JsonNode output, String error) {
}
