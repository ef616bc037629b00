package io.crawlify.orchestrator.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.workflow.WorkflowDefinition;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The fan-out step types, by the type name workflows use. */
@ApplicationScoped
public class FanOutSteps {

    private final Map<String, FanOutStep> byType = new HashMap<>();

    public FanOutSteps(Instance<FanOutStep> discovered) {
        for (FanOutStep step : discovered) {
            byType.put(step.type(), step);
        }
    }

    public Optional<FanOutStep> of(StepDefinition step) {
        return Optional.ofNullable(byType.get(step.type()));
    }

    public Optional<FanOutStep> of(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public boolean fansOut(StepDefinition step) {
        return byType.containsKey(step.type());
    }

    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    /** Lets every fan-out step of an ended execution release what it kept. */
    public Uni<Void> expire(UUID executionId, WorkflowDefinition definition, Duration retention) {
        return Multi.createFrom().iterable(definition.steps())
                .filter(this::fansOut)
                .onItem().transformToUniAndConcatenate(s -> byType.get(s.type()).expire(executionId, s.id(), retention))
                .collect().last().replaceWithVoid();
    }
}
