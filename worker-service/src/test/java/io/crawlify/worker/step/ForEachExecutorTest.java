package io.crawlify.worker.step;

import static io.crawlify.worker.step.Steps.call;
import static io.crawlify.worker.step.Steps.context;
import static io.crawlify.worker.step.Steps.fail;
import static io.crawlify.worker.step.Steps.json;
import static io.crawlify.worker.step.Steps.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.mutiny.core.Vertx;

/** for_each over a server that answers slower for earlier items, so completion order differs from input order. */
class ForEachExecutorTest {

    private Vertx vertx;
    private TestServer server;
    private StepRunner runner;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = new TestServer();
        runner = Steps.runner(vertx);
        // /item?n=3&delay=100: answers {"n": 3, "double": 6} after the delay; n = 13 answers 500.
        server.route("/item", exchange -> {
            java.util.Map<String, String> q = new java.util.HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], kv[1]);
            }
            TestServer.sleep(Long.parseLong(q.get("delay")));
            int n = Integer.parseInt(q.get("n"));
            if (n == 13) {
                TestServer.send(exchange, 500, "application/json", "{\"unlucky\": 13}");
            } else {
                TestServer.send(exchange, 200, "application/json", "{\"n\": " + n + ", \"double\": " + 2 * n + "}");
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
        vertx.closeAndAwait();
    }

    private String itemsConfig(String items, int concurrency, boolean failFast) {
        return """
                {"items": "%s", "concurrency": %d, "failFast": %s,
                 "step": {"type": "http_request",
                          "config": {"url": "%s?n={{ item }}&delay={{ (10 - index) * 30 }}", "responseType": "json"}}}
                """.formatted(items, concurrency, failFast, server.url("/item"));
    }

    @Test
    void outputsComeInInputOrderWithinTheConcurrencyBound() {
        StepResult result = run(runner, call("for_each", itemsConfig("input.numbers", 3, true),
                context("{\"numbers\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}")));

        List<Integer> doubles = new ArrayList<>();
        result.output().forEach(o -> doubles.add(o.get("body").get("double").intValue()));
        assertEquals(List.of(2, 4, 6, 8, 10, 12, 14, 16, 18, 20), doubles);
        assertEquals(10, server.requests().size());
        assertEquals(3, server.maxInFlight(), "requests in flight at once");
        assertEquals(10, result.logs().lines().filter(l -> l.startsWith("item ") && l.contains("succeeded")).count(),
                result.logs());
    }

    @Test
    void concurrencyOneRunsOneAtATime() {
        run(runner, call("for_each", itemsConfig("input.numbers", 1, true), context("{\"numbers\": [1, 2, 3, 4]}")));
        assertEquals(1, server.maxInFlight());
    }

    @Test
    void nestedStepsSeeItemIndexAndTheParentContext() {
        StepResult result = run(runner, call("for_each", """
                {"items": "input.rows", "step": {"type": "transform",
                  "config": {"expression": "{'i': index, 'name': item.name, 'run': execution.id, 'of': $count(input.rows)}"}}}
                """, context("{\"rows\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}")));

        assertEquals(json("""
                [{"i": 0, "name": "a", "run": "exec-1", "of": 2}, {"i": 1, "name": "b", "run": "exec-1", "of": 2}]
                """), result.output());
    }

    @Test
    void failFastFailsWithTheFirstFailureAndStopsTheRest() {
        StepFailure failure = fail(runner, call("for_each", itemsConfig("input.numbers", 2, true),
                context("{\"numbers\": [13, 1, 2, 3, 4, 5, 6, 7]}")));

        assertEquals(StepFailure.HTTP_STATUS, failure.kind());
        assertEquals(500, failure.httpStatus());
        assertTrue(failure.getMessage().startsWith("item 0 failed"), failure.getMessage());
        assertEquals(json("{\"unlucky\": 13}"), failure.output().get("body"));
        assertTrue(server.requests().size() < 8, "requests after the failure: " + server.requests().size());
    }

    @Test
    void withoutFailFastFailuresStayInPlace() {
        StepResult result = run(runner, call("for_each", itemsConfig("input.numbers", 4, false),
                context("{\"numbers\": [1, 13, 3]}")));

        JsonNode output = result.output();
        assertEquals(3, output.size());
        assertEquals(2, output.get(0).get("body").get("double").intValue());
        JsonNode error = output.get(1).get("error");
        assertEquals("http_status", error.get("kind").textValue());
        assertEquals(500, error.get("httpStatus").intValue());
        assertEquals(json("{\"unlucky\": 13}"), error.get("output").get("body"));
        assertEquals(6, output.get(2).get("body").get("double").intValue());
        assertTrue(result.logs().contains("item 1: failed (http_status 500)"), result.logs());
    }

    @Test
    void withoutFailFastTheStepFailsOnlyWhenEveryItemFailed() {
        StepFailure failure = fail(runner, call("for_each", itemsConfig("input.numbers", 4, false),
                context("{\"numbers\": [13, 13]}")));

        assertEquals(StepFailure.HTTP_STATUS, failure.kind());
        assertEquals(2, failure.output().size());
        assertTrue(failure.getMessage().startsWith("all 2 items failed"), failure.getMessage());
    }

    @Test
    void emptyOrUndefinedItemsRunNothing() {
        assertEquals(json("[]"), run(runner, call("for_each", itemsConfig("input.numbers", 2, true),
                context("{\"numbers\": []}"))).output());
        assertEquals(json("[]"), run(runner, call("for_each", itemsConfig("input.numbers[$ > 100]", 2, true),
                context("{\"numbers\": [1]}"))).output());
        assertEquals(0, server.requests().size());
    }

    @Test
    void itemsThatAreNotAnArrayFailAsExpression() {
        StepFailure failure = fail(runner, call("for_each", itemsConfig("input.one", 2, true),
                context("{\"one\": {\"a\": 1}}")));
        assertEquals(StepFailure.EXPRESSION, failure.kind());
        assertTrue(failure.getMessage().contains("wrap the expression in [ ]"), failure.getMessage());
    }

    @Test
    void refusesMoreItemsThanAllowed() {
        StepRunner capped = Steps.runner(vertx, Steps.Options.defaults().withMaxItems(3));
        StepFailure failure = fail(capped, call("for_each", itemsConfig("input.numbers", 2, true),
                context("{\"numbers\": [1, 2, 3, 4]}")));
        assertEquals(StepFailure.CONFIG, failure.kind());
    }

    @Test
    void theNestedTimeoutBoundsEachRun() {
        StepFailure failure = fail(runner, call("for_each", """
                {"items": "[1]", "step": {"type": "http_request", "timeoutMs": 150,
                  "config": {"url": "%s?n=1&delay=2000"}}}
                """.formatted(server.url("/item")), context("{}")));
        assertEquals(StepFailure.TIMEOUT, failure.kind());
    }
}
