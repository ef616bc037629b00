package io.crawlify.worker.step;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * Runs one step type. Implementations are CDI beans found by {@link StepRunner} through their {@link #type()};
 * adding a type means a config record in shared-model, an entry in {@code StepTypes} and one executor, no switch
 * to edit. The runner has rendered the config's templates and bound it to the type's record; it also applies the
 * timeout and turns any failure into a {@link StepFailure}.
 *
 * @param <C> the type's config record
 */
public interface StepExecutor<C> {

    /** The step type name, as in {@code StepTypes}. */
    String type();

    /** The step's output; fails with a {@link StepFailure} naming the kind of error. */
    Uni<JsonNode> execute(C config, StepCall call);
}
