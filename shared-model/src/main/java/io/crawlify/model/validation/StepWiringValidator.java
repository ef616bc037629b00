package io.crawlify.model.validation;

import io.crawlify.model.error.Path;
import io.crawlify.model.error.ValidationError;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.expression.ExpressionException;
import io.crawlify.model.expression.Expressions;
import io.crawlify.model.expression.Templates;
import io.crawlify.model.step.ConditionConfig;
import io.crawlify.model.step.NestedStep;
import io.crawlify.model.step.StepConfig;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.step.StepTypes;
import io.crawlify.model.workflow.WorkflowDefinition;

/**
 * Checks between step configs and the DAG: every template and expression compiles, reads only the outputs of steps
 * that run before it (its transitive dependencies), and a condition's branches are its direct dependants.
 */
final class StepWiringValidator {

    private final WorkflowDefinition definition;
    private final Map<String, StepDefinition> byId = new HashMap<>();
    private final Map<String, Set<String>> upstream = new HashMap<>();
    private final List<ValidationError> errors;

    private StepWiringValidator(WorkflowDefinition definition, List<ValidationError> errors) {
        this.definition = definition;
        this.errors = errors;
        for (StepDefinition step : definition.steps()) {
            if (step.id() != null) {
                byId.putIfAbsent(step.id(), step);
            }
        }
    }

    /** @param configs the bound config of each step, by index (null where binding failed) */
    static void validate(WorkflowDefinition definition, List<Object> configs, List<ValidationError> errors) {
        new StepWiringValidator(definition, errors).run(configs);
    }

    private void run(List<Object> configs) {
        for (int i = 0; i < definition.steps().size(); i++) {
            StepDefinition step = definition.steps().get(i);
            StepTypes.StepType type = StepTypes.type(step.type());
            Object config = configs.get(i);
            if (type == null || config == null) {
                continue;
            }
            Path at = Path.ROOT.field("steps").index(i).field("config");
            Set<String> readable = upstreamOf(step.id());
            checkConfig(type, step.config(), config, at, readable);
            if (config instanceof CrawlConfig && step.config().has("startUrls")) {
                // A crawl's start URLs may come from the input or upstream steps: "{{ input.url }}".
                checkTemplates(step.config().get("startUrls"), at.field("startUrls"), readable);
            }
            if (config instanceof ConditionConfig condition) {
                checkBranches(step, condition, at);
            }
        }
    }

    private void checkConfig(StepTypes.StepType type, JsonNode raw, Object bound, Path at, Set<String> readable) {
        if (!type.templated() || raw == null || !raw.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            Path fieldAt = at.field(field.getKey());
            if (type.expressionFields().contains(field.getKey())) {
                if (field.getValue().isTextual()) {
                    checkExpression(Expressions.unwrap(field.getValue().textValue()), fieldAt, readable);
                }
            } else if (!type.literalFields().contains(field.getKey())) {
                checkTemplates(field.getValue(), fieldAt, readable);
            }
        }
        NestedStep nested = bound instanceof StepConfig config ? config.nested() : null;
        if (nested != null && StepTypes.nestable(nested.type())) {
            checkConfig(StepTypes.type(nested.type()), nested.config(), null, at.field("step").field("config"),
                    readable);
        }
    }

    private void checkTemplates(JsonNode value, Path at, Set<String> readable) {
        if (value.isTextual()) {
            String text = value.textValue();
            if (!Templates.isTemplated(text)) {
                return;
            }
            try {
                Templates.compile(text);
            } catch (ExpressionException e) {
                error(at, "invalid template: " + describe(e));
                return;
            }
            for (String expression : Templates.expressions(text)) {
                checkReferences(expression, at, readable);
            }
        } else if (value.isObject()) {
            value.fields().forEachRemaining(f -> checkTemplates(f.getValue(), at.field(f.getKey()), readable));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                checkTemplates(value.get(i), at.index(i), readable);
            }
        }
    }

    private void checkExpression(String expression, Path at, Set<String> readable) {
        try {
            Expressions.compile(expression);
        } catch (ExpressionException e) {
            error(at, "invalid expression: " + describe(e));
            return;
        }
        checkReferences(expression, at, readable);
    }

    private void checkReferences(String expression, Path at, Set<String> readable) {
        for (String id : Templates.stepReferences(expression)) {
            if (!byId.containsKey(id)) {
                boolean hyphenated = expression.contains("steps." + id + "-");
                error(at, "reads the output of unknown step '" + id + "'"
                        + (hyphenated ? " (write steps.`" + id + "-...` for ids with '-')" : ""));
            } else if (!readable.contains(id)) {
                error(at, "reads the output of step '" + id + "', which does not run before this step:"
                        + " add it to dependsOn (directly or through a step it depends on)");
            }
        }
    }

    private void checkBranches(StepDefinition condition, ConditionConfig config, Path at) {
        checkBranch(condition, config.then(), at.field("then"));
        checkBranch(condition, config.otherwise(), at.field("else"));
    }

    private void checkBranch(StepDefinition condition, List<String> targets, Path at) {
        for (int i = 0; i < targets.size(); i++) {
            String id = targets.get(i);
            if (id == null) {
                continue;
            }
            StepDefinition target = byId.get(id);
            if (target == null) {
                error(at.index(i), "unknown step '" + id + "'");
            } else if (!target.dependsOn().contains(condition.id())) {
                error(at.index(i), "step '" + id + "' is not a branch of this condition: it must list '"
                        + condition.id() + "' in its dependsOn");
            }
        }
    }

    /** Every step that runs before {@code id}: its dependencies, theirs, and so on (cycles are reported elsewhere). */
    private Set<String> upstreamOf(String id) {
        Set<String> known = upstream.get(id);
        if (known != null) {
            return known;
        }
        Set<String> found = new LinkedHashSet<>();
        collectUpstream(id, found, new HashSet<>());
        found.remove(id);
        upstream.put(id, found);
        return found;
    }

    private void collectUpstream(String id, Set<String> found, Set<String> visiting) {
        StepDefinition step = byId.get(id);
        if (step == null || !visiting.add(id)) {
            return;
        }
        for (String dependency : step.dependsOn()) {
            if (found.add(dependency)) {
                collectUpstream(dependency, found, visiting);
            }
        }
    }

    private static String describe(ExpressionException e) {
        return e.reason() + (e.position() >= 0 ? " (at position " + e.position() + ")" : "");
    }

    private void error(Path at, String message) {
        errors.add(new ValidationError(at.toString(), message));
    }
}
