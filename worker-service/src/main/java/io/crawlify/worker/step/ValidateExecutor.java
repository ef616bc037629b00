package io.crawlify.worker.step;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.expression.Expressions;
import io.crawlify.model.step.JsonSchemas;
import io.crawlify.model.step.ValidateConfig;
import io.crawlify.model.step.StepTypes;
import io.smallrye.mutiny.Uni;

/**
 * {@code validate}: checks the value of the {@code value} expression against the inline schema. Success outputs
 * {@code {valid: true}}; a violation fails the step as {@code validation} with output
 * {@code {valid: false, errors: [{path, message}]}}, paths such as {@code $.orders[2].qty}.
 */
@ApplicationScoped
public class ValidateExecutor implements StepExecutor<ValidateConfig> {

    private static final int ERRORS_IN_MESSAGE = 5;

    @Override
    public String type() {
        return StepTypes.VALIDATE;
    }

    @Override
    public Uni<JsonNode> execute(ValidateConfig config, StepCall call) {
        return Uni.createFrom().item(() -> {
            JsonNode value = Expressions.evaluate(Expressions.unwrap(config.value()), call.context());
            List<JsonSchemas.Violation> violations;
            try {
                violations = JsonSchemas.validate(config.schema(), value);
            } catch (RuntimeException e) {
                throw new StepFailure(StepFailure.CONFIG, "the schema cannot be applied: " + e.getMessage(), null,
                        null, e);
            }
            ObjectNode output = JsonNodeFactory.instance.objectNode();
            output.put("valid", violations.isEmpty());
            if (violations.isEmpty()) {
                call.log().line("value is valid");
                return output;
            }
            ArrayNode errors = output.putArray("errors");
            for (JsonSchemas.Violation violation : violations) {
                errors.addObject().put("path", violation.path()).put("message", violation.message());
                call.log().line("invalid at " + violation.path() + ": " + violation.message());
            }
            String summary = violations.stream().limit(ERRORS_IN_MESSAGE)
                    .map(v -> v.path() + ": " + v.message()).collect(Collectors.joining("; "));
            throw new StepFailure(StepFailure.VALIDATION, violations.size() + " schema violation(s): " + summary
                    + (violations.size() > ERRORS_IN_MESSAGE ? "; ..." : ""), null, output, null);
        });
    }
}
