package io.crawlify.model.workflow;

import java.util.List;

import io.crawlify.model.trigger.TriggerSpec;

/**
 * A workflow as its author writes it: a name, a small DAG of steps, and the triggers that start it besides the
 * execute endpoint. Immutable once stored under a version.
 */
public record WorkflowDefinition(String name, String description, List<StepDefinition> steps,
        List<TriggerSpec> triggers) {

    public WorkflowDefinition {
        steps = steps == null ? List.of() : List.copyOf(steps);
        triggers = triggers == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(triggers));
    }

    public WorkflowDefinition(String name, String description, List<StepDefinition> steps) {
        this(name, description, steps, List.of());
    }

    public StepDefinition step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + id));
    }
}
