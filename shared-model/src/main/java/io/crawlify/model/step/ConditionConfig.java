package io.crawlify.model.step;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.crawlify.model.error.ConfigErrors;

/**
 * A {@code condition} step: evaluates {@code expression}; when it is truthy the steps of {@code then} run and
 * those of {@code else} end skipped (with their dependants), and the other way round. Both lists name direct
 * dependants of the condition step.
 */
public record ConditionConfig(String expression, List<String> then, @JsonProperty("else") List<String> otherwise)
        implements StepConfig {

    public ConditionConfig {
        then = Copies.list(then);
        otherwise = Copies.list(otherwise);
    }

    /** The branch taken for a result. */
    public List<String> selected(boolean result) {
        return result ? then : otherwise;
    }

    /** The branch not taken for a result. */
    public List<String> skipped(boolean result) {
        return result ? otherwise : then;
    }

    @Override
    public void validate(ConfigErrors errors) {
        errors.field("expression").required(expression);
        if (then.isEmpty() && otherwise.isEmpty()) {
            errors.add("name the steps to run in 'then' and/or 'else'");
        }
        Set<String> seen = new HashSet<>();
        checkIds(then, "then", seen, errors);
        checkIds(otherwise, "else", seen, errors);
    }

    private static void checkIds(List<String> ids, String field, Set<String> seen, ConfigErrors errors) {
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (errors.field(field).index(i).required(id) && !seen.add(id)) {
                errors.field(field).index(i).add("step '" + id + "' is named twice");
            }
        }
    }
}
