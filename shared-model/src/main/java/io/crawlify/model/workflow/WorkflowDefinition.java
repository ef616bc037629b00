package io.crawlify.model.workflow;

import java.util.List;

/**
 * A workflow as its author writes it: a name and a small DAG of steps. Immutable once stored under a version.
 */
public record WorkflowDefinition(String name, String description, List<StepDefinition> steps) {

    public WorkflowDefinition {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public StepDefinition step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + id));
    }
}
