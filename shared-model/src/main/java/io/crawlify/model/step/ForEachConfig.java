package io.crawlify.model.step;

import io.crawlify.model.error.ConfigErrors;
import io.crawlify.model.step.StepTypes;

/**
 * A {@code for_each} step: {@code items} (an expression) yields an array; {@code step} runs once per element with
 * {@code item} and {@code index} in its context, at most {@code concurrency} at a time. The output is the array of
 * the runs' outputs in input order. With {@code failFast} (the default) the first failed run fails the step and
 * cancels the others; without it a failed run leaves {@code {"error": {...}}} at its position and the step fails
 * only when every run failed.
 */
public record ForEachConfig(String items, NestedStep step, Integer concurrency, Boolean failFast)
        implements StepConfig {

    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int MAX_CONCURRENCY = 64;

    public ForEachConfig {
        concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
        failFast = failFast == null || failFast;
    }

    @Override
    public NestedStep nested() {
        return step;
    }

    @Override
    public void validate(ConfigErrors errors) {
        errors.field("items").required(items);
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            errors.field("concurrency").add("must be between 1 and " + MAX_CONCURRENCY);
        }
        if (step == null) {
            errors.field("step").add("is required: {\"type\": ..., \"config\": {...}}");
            return;
        }
        ConfigErrors at = errors.field("step");
        if (!at.field("type").required(step.type())) {
            return;
        }
        if (!StepTypes.nestable(step.type())) {
            at.field("type").add(StepTypes.isKnown(step.type())
                    ? "a '" + step.type() + "' step cannot run inside for_each"
                    : "unknown step type '" + step.type() + "' (known: " + String.join(", ", StepTypes.nestableNames())
                            + ")");
            return;
        }
        if (step.timeoutMs() != null && (step.timeoutMs() < 1 || step.timeoutMs() > StepTypes.MAX_TIMEOUT_MS)) {
            at.field("timeoutMs").add("must be between 1 and " + StepTypes.MAX_TIMEOUT_MS);
        }
        at.field("config").nestedStep(step.type(), step.config());
    }
}
