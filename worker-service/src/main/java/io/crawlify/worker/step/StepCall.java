package io.crawlify.worker.step;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run of a step on this worker.
 *
 * @param stepId  the step's id ({@code each[3]} for the element runs of a for_each)
 * @param type    the step type
 * @param config  the step's config as written (templates not yet rendered)
 * @param context what templates and expressions read: {@code {input, steps: {id: {output}}, execution,
 *                credentials, item?, index?}} (see {@code ExpressionContext})
 * @param timeout bound of this run; null for the type's default
 * @param log     where the executor writes the run's log lines
 */
public record StepCall(String stepId, String type, JsonNode config, JsonNode context, Duration timeout, StepLog log) {

    public StepCall {
        log = log == null ? new StepLog() : log;
    }

    public StepCall withTimeout(Duration value) {
        return new StepCall(stepId, type, config, context, value, log);
    }
}
