package io.crawlify.model.step;

import io.crawlify.model.error.ConfigErrors;

/**
 * A {@code transform} step: one JSONata expression evaluated over the context ({@code input}, {@code steps},
 * {@code execution}...); its value is the step's output. Map, rename, calculate, format and merge are all
 * expressible.
 */
public record TransformConfig(String expression) implements StepConfig {

    @Override
    public void validate(ConfigErrors errors) {
        errors.field("expression").required(expression);
    }
}
