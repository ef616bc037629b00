package io.crawlify.model.workflow;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of a workflow. {@code config} stays raw JSON here; {@link io.crawlify.model.step.StepTypes} binds it to the typed config of
 * the step's type when the workflow is validated and when a worker runs it.
 *
 * @param timeoutMs      bound on one attempt of the step (the worker aborts it, the attempt fails as {@code timeout});
 *                       null means the type's default
 * @param circuitBreaker name of the circuit breaker guarding the step; HTTP steps default to their target host
 */
public record StepDefinition(String id, String type, JsonNode config, List<String> dependsOn, RetryPolicy retry,
        Long timeoutMs, String circuitBreaker) {

    public StepDefinition {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
    }

    public StepDefinition(String id, String type, JsonNode config, List<String> dependsOn, RetryPolicy retry) {
        this(id, type, config, dependsOn, retry, null, null);
    }
}
