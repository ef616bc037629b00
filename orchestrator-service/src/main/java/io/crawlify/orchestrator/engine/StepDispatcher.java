package io.crawlify.orchestrator.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.message.StepTask;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.workflow.WorkflowDefinition;
import io.crawlify.orchestrator.engine.StepRunStore.LockedExecution;
import io.smallrye.mutiny.Uni;

/**
 * Hands a claimed step attempt to the workers: a fan-out step (a crawl) starts through its {@link FanOutStep};
 * any other step is published as one {@link StepTask} carrying the context its templates see.
 */
@ApplicationScoped
public class StepDispatcher {

    private final TaskQueue queue;
    private final FanOutSteps fanOuts;
    private final ObjectMapper json;

    public StepDispatcher(TaskQueue queue, FanOutSteps fanOuts, ObjectMapper json) {
        this.queue = queue;
        this.fanOuts = fanOuts;
        this.json = json;
    }

    public Uni<Dispatched> dispatch(LockedExecution execution, WorkflowDefinition definition, StepDefinition step,
            int attempt, Map<String, StepRunState> runs) {
        JsonNode context = context(execution, definition, step, runs);
        Optional<FanOutStep> fanOut = fanOuts.of(step);
        if (fanOut.isPresent()) {
            return fanOut.get().dispatch(new FanOutStep.StepRun(execution.id(), execution.workflowId(),
                    execution.workflowVersion(), step.id()), step, context);
        }
        return queue.publishStep(StepTask.of(execution.id(), execution.workflowId(), execution.workflowVersion(),
                step.id(), attempt, context)).replaceWith(Dispatched.PUBLISHED);
    }

    /** {@code input}, {@code execution} and {@code steps.<id>.output} of every step this one depends on, transitively. */
    JsonNode context(LockedExecution execution, WorkflowDefinition definition, StepDefinition step,
            Map<String, StepRunState> runs) {
        ObjectNode context = json.createObjectNode();
        context.set("input", execution.input() == null ? json.createObjectNode() : execution.input());
        ObjectNode about = context.putObject("execution");
        about.put("id", execution.id().toString());
        about.put("workflowId", execution.workflowId().toString());
        about.put("workflowVersion", execution.workflowVersion());
        about.put("trigger", execution.triggerType());
        about.put("startedAt", execution.startedAt() == null ? null : execution.startedAt().toString());
        ObjectNode steps = context.putObject("steps");
        for (String ancestor : ancestors(definition, step)) {
            StepRunState run = runs.get(ancestor);
            ObjectNode entry = steps.putObject(ancestor);
            entry.put("status", run.status());
            entry.set("output", run.output() == null ? json.nullNode() : run.output());
        }
        return context;
    }

    static Set<String> ancestors(WorkflowDefinition definition, StepDefinition step) {
        Set<String> seen = new HashSet<>();
        Deque<String> unvisited = new ArrayDeque<>(step.dependsOn());
        while (!unvisited.isEmpty()) {
            String id = unvisited.pop();
            if (seen.add(id)) {
                unvisited.addAll(definition.step(id).dependsOn());
            }
        }
        return seen;
    }
}
