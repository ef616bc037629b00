package io.crawlify.model.step;

import io.crawlify.model.error.ConfigErrors;

/**
 * The typed config of a step type (other than {@code crawl}, whose checks predate this interface). Bound strictly
 * from the step's JSON; {@link #validate} adds the checks of the type's own fields. Templates, expressions and
 * references between steps are checked for every type alike by the workflow parser.
 */
public interface StepConfig {

    /** Checks this config's fields, reporting each problem at its path under {@code errors}. */
    void validate(ConfigErrors errors);

    /** A step run by this one ({@code for_each}), checked and rendered with its own type's rules; else null. */
    default NestedStep nested() {
        return null;
    }
}
