package io.crawlify.model.validation;

import io.crawlify.model.error.ValidationError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.crawlify.model.breaker.BreakerKeys;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.step.StepTypes;
import io.crawlify.model.workflow.WorkflowDefinition;

/** Checks that hold across steps: names, unique ids, known dependencies and no cycles. */
final class WorkflowValidator {

    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** One attempt of a step runs at most a day; longer waits are {@code wait} steps, which do not hold a worker. */
    private static final long MAX_TIMEOUT_MS = StepTypes.MAX_TIMEOUT_MS;

    private WorkflowValidator() {
    }

    static void validate(WorkflowDefinition definition, List<ValidationError> errors) {
        if (definition.name() == null || definition.name().isBlank()) {
            errors.add(new ValidationError("name", "is required"));
        }
        if (definition.steps().isEmpty()) {
            errors.add(new ValidationError("steps", "a workflow needs at least one step"));
            return;
        }
        Map<String, Integer> indexById = new HashMap<>();
        for (int i = 0; i < definition.steps().size(); i++) {
            StepDefinition step = definition.steps().get(i);
            String at = "steps[" + i + "]";
            if (step.id() == null || !STEP_ID.matcher(step.id()).matches()) {
                errors.add(new ValidationError(at + ".id", "must be 1-64 letters, digits, '_' or '-'"));
            } else if (indexById.putIfAbsent(step.id(), i) != null) {
                errors.add(new ValidationError(at + ".id", "duplicate step id '" + step.id() + "'"));
            }
            if (step.retry().maxAttempts() < 1 || step.retry().maxAttempts() > 100) {
                errors.add(new ValidationError(at + ".retry.maxAttempts", "must be between 1 and 100"));
            }
            if (step.retry().initialDelayMs() < 0) {
                errors.add(new ValidationError(at + ".retry.initialDelayMs", "must be >= 0"));
            }
            if (step.retry().maxDelayMs() < step.retry().initialDelayMs()) {
                errors.add(new ValidationError(at + ".retry.maxDelayMs", "must be >= initialDelayMs"));
            }
            if (step.timeoutMs() != null && (step.timeoutMs() < 1 || step.timeoutMs() > MAX_TIMEOUT_MS)) {
                errors.add(new ValidationError(at + ".timeoutMs", "must be between 1 and " + MAX_TIMEOUT_MS));
            }
            if (step.circuitBreaker() != null && !BreakerKeys.isValidName(step.circuitBreaker())) {
                errors.add(new ValidationError(at + ".circuitBreaker", "must be 1-128 letters, digits, '.', '_', ':' or '-'"));
            }
        }
        for (int i = 0; i < definition.steps().size(); i++) {
            List<String> deps = definition.steps().get(i).dependsOn();
            for (int d = 0; d < deps.size(); d++) {
                if (!indexById.containsKey(deps.get(d))) {
                    errors.add(new ValidationError("steps[" + i + "].dependsOn[" + d + "]",
                            "unknown step '" + deps.get(d) + "'"));
                }
            }
        }
        findCycle(definition, indexById).ifPresent(errors::add);
    }

    private static java.util.Optional<ValidationError> findCycle(WorkflowDefinition definition,
            Map<String, Integer> indexById) {
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (StepDefinition step : definition.steps()) {
            Deque<String> trail = new ArrayDeque<>();
            String cycleAt = visit(step.id(), definition, indexById, done, onPath, trail);
            if (cycleAt != null) {
                return java.util.Optional.of(new ValidationError("steps[" + indexById.get(cycleAt) + "].dependsOn",
                        "dependency cycle through step '" + cycleAt + "'"));
            }
        }
        return java.util.Optional.empty();
    }

    private static String visit(String id, WorkflowDefinition definition, Map<String, Integer> indexById,
            Set<String> done, Set<String> onPath, Deque<String> trail) {
        if (id == null || done.contains(id) || !indexById.containsKey(id)) {
            return null;
        }
        if (!onPath.add(id)) {
            return id;
        }
        for (String dep : definition.steps().get(indexById.get(id)).dependsOn()) {
            String cycle = visit(dep, definition, indexById, done, onPath, trail);
            if (cycle != null) {
                return cycle;
            }
        }
        onPath.remove(id);
        done.add(id);
        return null;
    }
}
