package io.crawlify.systemtest.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.testsupport.Api;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.restassured.path.json.JsonPath;

/** Every step type, run by the real worker through Pub/Sub against endpoints served by the test. */
@SystemTest
class StepTypesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String workflow(String name, String steps) {
        return "{\"name\": \"" + name + "\", \"steps\": [" + steps + "]}";
    }

    private static Map<String, JsonNode> steps(JsonPath execution) {
        return Api.steps(execution.getString("id"));
    }

    @Test
    void httpRequestSendsTemplatedMethodHeadersQueryAndBodyAndParsesTheJsonAnswer() throws Exception {
        List<TestSite.Request> received = new CopyOnWriteArrayList<>();
        try (TestSite site = TestSite.handling(request -> {
            received.add(request);
            return Page.json(201, "{\"id\": 42, \"echo\": " + request.body() + "}").withHeader("X-Trace", "t-1");
        })) {
            JsonPath done = Api.run(workflow("http", """
                    {"id": "create", "type": "http_request", "config": {
                       "method": "POST", "url": "%s",
                       "headers": {"X-Customer": "{{ input.customer }}"},
                       "query": {"page": "{{ input.page }}"},
                       "body": {"sku": "{{ input.sku }}", "qty": "{{ input.qty * 2 }}"}}}
                    """.formatted(site.url("/orders"))), "{\"customer\": \"acme\", \"page\": 3, \"sku\": \"A-1\", \"qty\": 5}",
                    TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            TestSite.Request request = received.get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.pathOnly()).isEqualTo("/orders");
            assertThat(request.query("page")).isEqualTo("3");
            assertThat(request.headers().get("X-customer")).containsExactly("acme");
            assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"sku\": \"A-1\", \"qty\": 10}"));
            JsonNode output = steps(done).get("create").get("output");
            assertThat(output.get("status").asInt()).isEqualTo(201);
            assertThat(output.get("headers").get("x-trace").asText()).isEqualTo("t-1");
            assertThat(output.get("body").get("id").asInt()).isEqualTo(42);
            assertThat(output.get("body").get("echo").get("qty").asInt()).isEqualTo(10);
        }
    }

    @Test
    void anUnexpectedStatusFailsTheStepNamingIt() {
        try (TestSite site = new TestSite(path -> Page.json(404, "{\"error\": \"no such order\"}"))) {
            JsonPath done = Api.run(workflow("http-404", """
                    {"id": "get", "type": "http_request", "config": {"url": "%s"}, "retry": {"strategy": "none"}}
                    """.formatted(site.url("/orders/9"))), "{}", TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("failed");
            JsonNode step = steps(done).get("get");
            assertThat(step.get("status").asText()).isEqualTo("failed");
            assertThat(step.get("errorKind").asText()).isEqualTo("http_status");
            assertThat(step.get("httpStatus").asInt()).isEqualTo(404);
            assertThat(done.getString("error")).startsWith("step get failed");
            assertThat(site.hits("/orders/9")).isEqualTo(1);
        }
    }

    @Test
    void webhookCallPostsAndRecordsTheOutcome() throws Exception {
        List<TestSite.Request> received = new CopyOnWriteArrayList<>();
        try (TestSite site = TestSite.handling(request -> {
            received.add(request);
            return Page.status(204);
        })) {
            JsonPath done = Api.run(workflow("webhook", """
                    {"id": "notify", "type": "webhook_call", "config": {"url": "%s",
                       "body": {"event": "execution.done", "execution": "{{ execution.id }}"}}}
                    """.formatted(site.url("/hook"))), "{}", TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(received).hasSize(1);
            assertThat(received.get(0).method()).isEqualTo("POST");
            assertThat(JSON.readTree(received.get(0).body())).isEqualTo(JSON.readTree(
                    "{\"event\": \"execution.done\", \"execution\": \"" + done.getString("id") + "\"}"));
            assertThat(steps(done).get("notify").get("output").get("status").asInt()).isEqualTo(204);
        }
    }

    @Test
    void transformMapsRenamesCalculatesFormatsAndMerges() throws Exception {
        JsonPath done = Api.run(workflow("transform", """
                {"id": "shape", "type": "transform", "config": {"expression":
                   "$merge([{'customer': $uppercase(input.name), 'total': $sum(input.lines.(price * qty)), 'skus': input.lines.sku, 'label': $join(input.lines.sku, '+')}, input.extra])"}}
                """), "{\"name\": \"acme\", \"lines\": [{\"sku\": \"A\", \"price\": 2.5, \"qty\": 4}, {\"sku\": \"B\", \"price\": 1, \"qty\": 3}], \"extra\": {\"source\": \"crm\"}}",
                TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(steps(done).get("shape").get("output")).isEqualTo(JSON.readTree(
                "{\"customer\": \"ACME\", \"total\": 13, \"skus\": [\"A\", \"B\"], \"label\": \"A+B\", \"source\": \"crm\"}"));
    }

    @Test
    void conditionRunsOneBranchAndSkipsTheOtherWithItsDependants() {
        String definition = workflow("condition", """
                {"id": "check", "type": "condition", "config": {"expression": "input.amount > 100",
                    "then": ["big"], "else": ["small"]}},
                {"id": "big", "type": "transform", "dependsOn": ["check"], "config": {"expression": "'big'"}},
                {"id": "small", "type": "transform", "dependsOn": ["check"], "config": {"expression": "'small'"}},
                {"id": "after-small", "type": "transform", "dependsOn": ["small"], "config": {"expression": "'x'"}}
                """);
        JsonPath big = Api.run(definition, "{\"amount\": 250}", TIMEOUT);
        Map<String, JsonNode> steps = steps(big);
        assertThat(big.getString("status")).isEqualTo("succeeded");
        assertThat(status(steps)).containsExactly(Map.entry("check", "succeeded"), Map.entry("big", "succeeded"),
                Map.entry("small", "skipped"), Map.entry("after-small", "skipped"));
        assertThat(steps.get("big").get("output").asText()).isEqualTo("big");

        JsonPath small = Api.run(definition, "{\"amount\": 20}", TIMEOUT);
        assertThat(status(steps(small))).containsExactly(Map.entry("check", "succeeded"), Map.entry("big", "skipped"),
                Map.entry("small", "succeeded"), Map.entry("after-small", "succeeded"));
    }

    @Test
    void forEachRunsTheNestedStepPerElementWithBoundedConcurrencyInInputOrder() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        try (TestSite site = new TestSite(path -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                // Later elements answer faster: the output must still follow the input order.
                int n = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                Thread.sleep(400 - n * 40L);
                return Page.json(200, "{\"n\": " + n + ", \"square\": " + n * n + "}");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        })) {
            JsonPath done = Api.run(workflow("for-each", """
                    {"id": "each", "type": "for_each", "config": {"items": "input.numbers", "concurrency": 2,
                       "step": {"type": "http_request", "config": {"url": "%s/n/{{ item }}"}}}}
                    """.formatted(site.url(""))), "{\"numbers\": [1, 2, 3, 4, 5, 6]}", TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            JsonNode output = steps(done).get("each").get("output");
            assertThat(output).hasSize(6);
            for (int i = 0; i < 6; i++) {
                assertThat(output.get(i).get("body").get("square").asInt()).isEqualTo((i + 1) * (i + 1));
            }
            assertThat(maxInFlight.get()).isEqualTo(2);
        }
    }

    @Test
    void waitHoldsTheDagForItsDuration() {
        JsonPath done = Api.run(workflow("wait", """
                {"id": "pause", "type": "wait", "config": {"durationMs": 1500}},
                {"id": "after", "type": "transform", "dependsOn": ["pause"], "config": {"expression": "'done'"}}
                """), "{}", TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("succeeded");
        Map<String, JsonNode> steps = steps(done);
        JsonNode attempt = steps.get("pause").get("attemptHistory").get(0);
        assertThat(attempt.get("durationMs").asLong()).isBetween(1500L, 4000L);
        assertThat(Instant.parse(steps.get("after").get("startedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(steps.get("pause").get("finishedAt").asText()));
    }

    @Test
    void validateAcceptsConformingValuesAndNamesTheViolatedPaths() {
        String definition = workflow("validate", """
                {"id": "order", "type": "validate", "config": {"value": "input.order", "schema": {
                   "type": "object", "required": ["id", "lines"],
                   "properties": {"id": {"type": "string"},
                                  "lines": {"type": "array", "minItems": 1,
                                            "items": {"type": "object", "properties": {"qty": {"type": "integer", "minimum": 1}}}}}}},
                 "retry": {"strategy": "none"}}
                """);
        JsonPath ok = Api.run(definition, "{\"order\": {\"id\": \"o-1\", \"lines\": [{\"qty\": 2}]}}", TIMEOUT);
        assertThat(ok.getString("status")).isEqualTo("succeeded");
        assertThat(steps(ok).get("order").get("output").get("valid").asBoolean()).isTrue();

        JsonPath bad = Api.run(definition, "{\"order\": {\"id\": 7, \"lines\": [{\"qty\": 0}]}}", TIMEOUT);
        assertThat(bad.getString("status")).isEqualTo("failed");
        JsonNode step = steps(bad).get("order");
        assertThat(step.get("errorKind").asText()).isEqualTo("validation");
        assertThat(step.get("output").get("valid").asBoolean()).isFalse();
        List<String> paths = new java.util.ArrayList<>();
        step.get("output").get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).anyMatch(p -> p.contains("id")).anyMatch(p -> p.contains("lines") && p.contains("qty"));
        assertThat(step.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void commandCapturesOutputAsLogsAndFailsOnANonZeroExit() {
        JsonPath done = Api.run(workflow("command", """
                {"id": "hello", "type": "command", "config": {"command": "sh",
                   "args": ["-c", "echo \\"hello $WHO\\"; echo warn >&2"], "env": {"WHO": "{{ input.who }}"}}},
                {"id": "broken", "type": "command", "dependsOn": ["hello"], "retry": {"strategy": "none"},
                 "config": {"command": "sh", "args": ["-c", "echo partial; exit 3"]}}
                """), "{\"who\": \"crawlify\"}", TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("failed");
        Map<String, JsonNode> steps = steps(done);
        JsonNode hello = steps.get("hello");
        assertThat(hello.get("status").asText()).isEqualTo("succeeded");
        assertThat(hello.get("output").get("exitCode").asInt()).isZero();
        assertThat(hello.get("output").get("stdout").asText()).isEqualTo("hello crawlify\n");
        assertThat(hello.get("logs").asText()).contains("hello crawlify").contains("warn");
        JsonNode broken = steps.get("broken");
        assertThat(broken.get("status").asText()).isEqualTo("failed");
        assertThat(broken.get("errorKind").asText()).isEqualTo("command_exit");
        assertThat(broken.get("output").get("exitCode").asInt()).isEqualTo(3);

        // The workflow's numbers: from PostgreSQL through the API, and as Micrometer meters.
        String workflowId = done.getString("workflowId");
        JsonPath metrics = io.restassured.RestAssured.given().when().get("/api/v1/workflows/" + workflowId + "/metrics")
                .then().statusCode(200).extract().jsonPath();
        assertThat(metrics.getLong("executions")).isEqualTo(1);
        assertThat(metrics.getLong("executionsByStatus.failed")).isEqualTo(1);
        assertThat(metrics.getLong("executionsByStatus.succeeded")).isZero();
        assertThat(metrics.getLong("durations.count")).isEqualTo(1);
        assertThat(metrics.getDouble("durations.maxMs")).isPositive();
        assertThat(metrics.getList("stepFailures.stepId", String.class)).containsExactly("broken");
        assertThat(metrics.getLong("stepFailures[0].failedRuns")).isEqualTo(1);
        assertThat(metrics.getLong("stepFailures[0].failedAttempts")).isEqualTo(1);
        String prometheus = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertThat(prometheus).contains("crawlify_workflow_executions_total{status=\"failed\",workflow=\"" + workflowId + "\"} 1.0")
                .contains("crawlify_workflow_step_failures_total{kind=\"command_exit\",step=\"broken\",workflow=\"" + workflowId + "\"} 1.0");
    }

    private static Map<String, String> status(Map<String, JsonNode> steps) {
        Map<String, String> status = new java.util.LinkedHashMap<>();
        steps.forEach((id, step) -> status.put(id, step.get("status").asText()));
        return status;
    }
}
