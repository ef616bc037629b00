package io.crawlify.worker.step;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.expression.Expressions;
import io.crawlify.model.step.TransformConfig;
import io.crawlify.model.step.StepTypes;
import io.smallrye.mutiny.Uni;

/** {@code transform}: the expression's value over the context is the output. */
@ApplicationScoped
public class TransformExecutor implements StepExecutor<TransformConfig> {

    @Override
    public String type() {
        return StepTypes.TRANSFORM;
    }

    @Override
    public Uni<JsonNode> execute(TransformConfig config, StepCall call) {
        return Uni.createFrom().item(() -> Expressions.evaluate(Expressions.unwrap(config.expression()),
                call.context()));
    }
}
