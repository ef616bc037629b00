package io.crawlify.orchestrator.execution;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A step run as the API shows it: its status, the attempt it is on, when a pending retry is due, the last
 * attempt's output, logs and error, and every attempt with its timing.
 */
public record StepRunView(String stepId, String type, List<String> dependsOn, String status, int attempts,
        Instant nextAttemptAt, Instant startedAt, Instant finishedAt, JsonNode output, String logs, String errorKind,
        String error, Integer httpStatus, List<AttemptView> attemptHistory) {

    public record AttemptView(int attempt, String status, Instant startedAt, Instant finishedAt, long durationMs,
            String errorKind, String error, Integer httpStatus) {
    }
}
