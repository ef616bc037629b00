package io.crawlify.worker.step;

import static io.crawlify.worker.step.Steps.call;
import static io.crawlify.worker.step.Steps.context;
import static io.crawlify.worker.step.Steps.fail;
import static io.crawlify.worker.step.Steps.json;
import static io.crawlify.worker.step.Steps.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** transform, condition and validate: expressions over the context. */
class ExpressionStepsTest {

    private final StepRunner runner = new StepRunner(List.of(new TransformExecutor(), new ConditionExecutor(),
            new ValidateExecutor()));

    private static final JsonNode CONTEXT = context("{\"threshold\": 5}",
            Map.of("fetch", json("""
                    {"status": 200, "body": {"items": [
                      {"sku": "A", "price": 2.5, "qty": 4}, {"sku": "B", "price": 10, "qty": 1}, {"sku": "C", "price": 1, "qty": 0}]}}
                    """)), null);

    @Test
    void transformMapsRenamesCalculatesAndMerges() {
        StepResult result = run(runner, call("transform", """
                {"expression": "{ 'lines': steps.fetch.output.body.items[qty > 0].{ 'code': $lowercase(sku), 'total': price * qty }, 'count': $count(steps.fetch.output.body.items), 'label': 'run ' & execution.id }"}
                """, CONTEXT));

        assertEquals(json("""
                {"lines": [{"code": "a", "total": 10}, {"code": "b", "total": 10}], "count": 3, "label": "run exec-1"}
                """), result.output());
    }

    @Test
    void transformMayReturnAnyJsonValue() {
        assertEquals(json("20"), run(runner, call("transform",
                "{\"expression\": \"$sum(steps.fetch.output.body.items.(price * qty))\"}", CONTEXT)).output());
        assertTrue(run(runner, call("transform", "{\"expression\": \"input.nothing\"}", CONTEXT)).output().isNull());
        assertEquals(json("[\"A\", \"B\", \"C\"]"), run(runner, call("transform",
                "{\"expression\": \"{{ steps.fetch.output.body.items.sku }}\"}", CONTEXT)).output());
    }

    @Test
    void aTransformThatFailsIsAnExpressionFailure() {
        StepFailure failure = fail(runner, call("transform", "{\"expression\": \"input.threshold + 'x'\"}", CONTEXT));
        assertEquals(StepFailure.EXPRESSION, failure.kind());
        assertTrue(failure.getMessage().contains("input.threshold + 'x'"), failure.getMessage());
    }

    @Test
    void conditionNamesTheBranchToRun() {
        String config = """
                {"expression": "$count(steps.fetch.output.body.items[price > $$.input.threshold]) > 0",
                 "then": ["notify", "archive"], "else": ["idle"]}
                """;
        assertEquals(json("{\"result\": true, \"selected\": [\"notify\", \"archive\"], \"skipped\": [\"idle\"]}"),
                run(runner, call("condition", config, CONTEXT)).output());

        JsonNode high = context("{\"threshold\": 50}", Map.of("fetch", CONTEXT.get("steps").get("fetch").get("output")),
                null);
        assertEquals(json("{\"result\": false, \"selected\": [\"idle\"], \"skipped\": [\"notify\", \"archive\"]}"),
                run(runner, call("condition", config, high)).output());
    }

    @Test
    void conditionUsesJsonataTruthiness() {
        String config = "{\"expression\": \"input.v\", \"then\": [\"t\"]}";
        for (String falsy : List.of("0", "\"\"", "[]", "{}", "null", "false")) {
            assertEquals(false, run(runner, call("condition", config, context("{\"v\": " + falsy + "}")))
                    .output().get("result").booleanValue(), falsy);
        }
        for (String truthy : List.of("1", "\"x\"", "[1]", "{\"a\": 1}", "true")) {
            assertEquals(true, run(runner, call("condition", config, context("{\"v\": " + truthy + "}")))
                    .output().get("result").booleanValue(), truthy);
        }
        assertEquals(false, run(runner, call("condition", config, context("{}"))).output().get("result").booleanValue());
    }

    @Test
    void validatePassesAConformingValue() {
        StepResult result = run(runner, call("validate", """
                {"value": "steps.fetch.output.body", "schema": {"type": "object", "required": ["items"]}}
                """, CONTEXT));
        assertEquals(json("{\"valid\": true}"), result.output());
    }

    @Test
    void validateFailsNamingEveryViolatedPath() {
        StepFailure failure = fail(runner, call("validate", """
                {"value": "steps.fetch.output.body",
                 "schema": {"type": "object", "properties": {"items": {"type": "array", "maxItems": 2,
                   "items": {"type": "object", "properties": {"qty": {"type": "integer", "minimum": 1},
                                                               "sku": {"enum": ["A", "B"]}}}}}}}
                """, CONTEXT));

        assertEquals(StepFailure.VALIDATION, failure.kind());
        assertEquals(false, failure.output().get("valid").booleanValue());
        List<String> paths = new java.util.ArrayList<>();
        failure.output().get("errors").forEach(e -> paths.add(e.get("path").textValue()));
        assertEquals(List.of("$.items", "$.items[2].qty", "$.items[2].sku"), paths.stream().sorted().toList());
        failure.output().get("errors").forEach(e -> assertTrue(!e.get("message").textValue().isBlank()));
        assertTrue(failure.getMessage().contains("$.items[2].qty"), failure.getMessage());
    }

    @Test
    void validateDefaultsToTheInputAndHonoursSchemaDrafts() {
        assertEquals(json("{\"valid\": true}"), run(runner, call("validate",
                "{\"schema\": {\"type\": \"object\", \"required\": [\"threshold\"]}}", CONTEXT)).output());

        StepFailure draft4 = fail(runner, call("validate", """
                {"schema": {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
                            "properties": {"threshold": {"type": "number", "maximum": 5, "exclusiveMaximum": true}}}}
                """, CONTEXT));
        assertEquals("$.threshold", draft4.output().get("errors").get(0).get("path").textValue());
    }
}
