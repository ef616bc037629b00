package io.crawlify.model.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ExpressionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonNode CONTEXT = json("""
            {"input": {"orders": [
                {"id": "a", "price": 10, "qty": 2, "tags": ["x"]},
                {"id": "b", "price": 2.5, "qty": 4, "tags": []},
                {"id": "c", "price": 7, "qty": 1, "tags": null}]},
             "steps": {"fetch": {"output": {"status": 200, "body": {"name": "Ada", "missing": null}}}},
             "execution": {"id": "e1"}}
            """);

    @Test
    void mapsFiltersAndAggregatesOverTheContext() {
        assertEquals(json("[\"a\", \"b\", \"c\"]"), Expressions.evaluate("input.orders.id", CONTEXT));
        assertEquals(json("37"), Expressions.evaluate("$sum(input.orders.(price * qty))", CONTEXT));
        assertEquals(json("[{\"ref\": \"a\", \"total\": 20}, {\"ref\": \"c\", \"total\": 7}]"),
                Expressions.evaluate("input.orders[price > 5].{\"ref\": id, \"total\": price * qty}", CONTEXT));
        assertEquals(json("\"ADA\""), Expressions.evaluate("$uppercase(steps.fetch.output.body.name)", CONTEXT));
        assertEquals(json("{\"id\": \"e1\", \"n\": 3}"),
                Expressions.evaluate("$merge([execution, {\"n\": $count(input.orders)}])", CONTEXT));
    }

    @Test
    void keepsJsonTypes() {
        assertEquals(json("2"), Expressions.evaluate("1.0 * 2", CONTEXT));
        assertTrue(Expressions.evaluate("1.0 * 2", CONTEXT).isIntegralNumber());
        assertEquals(json("2.5"), Expressions.evaluate("input.orders[1].price", CONTEXT));
        assertEquals(json("true"), Expressions.evaluate("input.orders[0].qty = 2", CONTEXT));
        assertEquals(json("12345678901234"), Expressions.evaluate("12345678901234", CONTEXT));
    }

    @Test
    void undefinedAndNullBothReadAsJsonNull() {
        assertTrue(Expressions.evaluate("input.nothing", CONTEXT).isNull());
        assertTrue(Expressions.evaluate("steps.fetch.output.body.missing", CONTEXT).isNull());
        // A JSON null in the data is JSONata's null, which exists, unlike a missing field.
        assertEquals(json("true"), Expressions.evaluate("$exists(steps.fetch.output.body.missing)", CONTEXT));
        assertEquals(json("false"), Expressions.evaluate("$exists(steps.fetch.output.body.nothing)", CONTEXT));
        assertEquals(json("true"), Expressions.evaluate("input.orders[2].tags = null", CONTEXT));
    }

    @Test
    void truthinessFollowsJsonata() {
        assertTrue(Expressions.test("input.orders[0].qty > 1", CONTEXT));
        assertFalse(Expressions.test("input.nothing", CONTEXT));
        assertTrue(Expressions.truthy(json("\"x\"")));
        assertFalse(Expressions.truthy(json("\"\"")));
        assertFalse(Expressions.truthy(json("0")));
        assertTrue(Expressions.truthy(json("0.5")));
        assertFalse(Expressions.truthy(json("[]")));
        assertFalse(Expressions.truthy(json("[0, false]")));
        assertTrue(Expressions.truthy(json("[0, 1]")));
        assertFalse(Expressions.truthy(json("{}")));
        assertTrue(Expressions.truthy(json("{\"a\": 1}")));
        assertFalse(Expressions.truthy(json("null")));
    }

    @Test
    void syntaxErrorsNameThePosition() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expressions.compile("input.orders["));
        assertEquals("input.orders[", e.expression());
        assertTrue(e.position() >= 12, "position " + e.position());
        assertTrue(e.getMessage().contains("input.orders["), e.getMessage());

        ExpressionException unknownFunction = assertThrows(ExpressionException.class,
                () -> Expressions.evaluate("$nosuch(1)", CONTEXT));
        assertEquals("T1006", unknownFunction.code());

        assertThrows(ExpressionException.class, () -> Expressions.compile(" "));
        assertThrows(ExpressionException.class, () -> Expressions.compile(null));
    }

    @Test
    void evaluationErrorsAreExpressionErrors() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expressions.evaluate("input.orders[0].id + 1", CONTEXT));
        assertEquals("T2001", e.code());
    }

    @Test
    void runawayRecursionFailsInsteadOfHangingOrCrashing() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expressions.evaluate("($f := function($x) { $f($x + 1) + 1 }; $f(0))", CONTEXT));
        assertTrue(e.getMessage().toLowerCase().contains("stack overflow")
                || e.getMessage().toLowerCase().contains("recursi"), e.getMessage());
    }

    @Test
    void unwrapsAnExpressionWrittenAsATemplate() {
        assertEquals(" input.a ", Expressions.unwrap("{{ input.a }}"));
        assertEquals("input.a", Expressions.unwrap("input.a"));
        assertEquals("x {{ input.a }}", Expressions.unwrap("x {{ input.a }}"));
    }

    /** One compiled expression evaluated by many threads at once, each with its own input. */
    @Test
    void aCachedExpressionIsSafeAcrossThreads() throws Exception {
        String expression = "$sum(input.values) & \"/\" & input.name";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                calls.add(() -> {
                    JsonNode context = json("{\"input\": {\"values\": [" + n + ", 1], \"name\": \"t" + n + "\"}}");
                    return Expressions.evaluate(expression, context).textValue().equals((n + 1) + "/t" + n);
                });
            }
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A pooled thread that evaluated something earlier must not see that evaluation's time in $now(). */
    @Test
    void nowIsFreshOnAThreadThatEvaluatedBefore() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            single.submit(() -> Expressions.evaluate("$sum([1, 2])", CONTEXT)).get();
            Thread.sleep(50);
            long before = System.currentTimeMillis();
            long millis = single.submit(() -> Expressions.evaluate("$millis()", CONTEXT).longValue()).get();
            String now = single.submit(() -> Expressions.evaluate("$now()", CONTEXT).textValue()).get();
            assertTrue(millis >= before, "millis " + millis + " before " + before);
            assertTrue(java.time.Instant.parse(now).toEpochMilli() >= before, now);
            assertEquals(json("\"1970-01-01\""), Expressions.evaluate("$fromMillis(0, '[Y0001]-[M01]-[D01]')", CONTEXT));
            assertEquals(String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC).getValue()),
                    Expressions.evaluate("$now('[Y0001]')", CONTEXT).textValue());
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void nowIsTheTimeOfTheEvaluationOnAnyThread() throws Exception {
        Expressions.compile("$millis()");
        Thread.sleep(30);
        long before = System.currentTimeMillis();
        long[] seen = new long[1];
        Thread other = new Thread(() -> seen[0] = Expressions.evaluate("$millis()", CONTEXT).longValue());
        other.start();
        other.join();
        assertTrue(seen[0] >= before, "millis " + seen[0] + " before " + before);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
