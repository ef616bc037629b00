package io.crawlify.model.workflow;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of a workflow. {@code config} stays raw JSON here; {@link StepTypes} binds it to the typed config of
 * the step's type when the workflow is validated and when a worker runs it.
 */
public record StepDefinition(String id, String type, JsonNode config, List<String> dependsOn, RetryPolicy retry) {

    public StepDefinition {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
    }
}
