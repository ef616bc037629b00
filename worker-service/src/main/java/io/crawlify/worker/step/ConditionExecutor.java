package io.crawlify.worker.step;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.expression.Expressions;
import io.crawlify.model.step.ConditionConfig;
import io.crawlify.model.step.StepTypes;
import io.smallrye.mutiny.Uni;

/**
 * {@code condition}: evaluates the expression (JSONata truthiness: empty strings, 0, empty arrays and objects,
 * null and false are false) and names the branch to run. Output {@code {result, selected, skipped}}; the engine
 * ends the steps of {@code skipped} (and their dependants) as skipped.
 */
@ApplicationScoped
public class ConditionExecutor implements StepExecutor<ConditionConfig> {

    @Override
    public String type() {
        return StepTypes.CONDITION;
    }

    @Override
    public Uni<JsonNode> execute(ConditionConfig config, StepCall call) {
        return Uni.createFrom().item(() -> {
            boolean result = Expressions.test(Expressions.unwrap(config.expression()), call.context());
            List<String> selected = config.selected(result);
            List<String> skipped = config.skipped(result);
            call.log().line("condition is " + result + ": running " + selected + ", skipping " + skipped);
            ObjectNode output = JsonNodeFactory.instance.objectNode();
            output.put("result", result);
            selected.forEach(output.putArray("selected")::add);
            skipped.forEach(output.putArray("skipped")::add);
            return output;
        });
    }
}
