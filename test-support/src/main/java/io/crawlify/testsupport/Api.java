package io.crawlify.testsupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The orchestrator's HTTP API as the tests (and users) drive it. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIVE = Set.of("pending", "running");

    private Api() {
    }

    public static String createWorkflow(String definition) {
        return given().contentType(ContentType.JSON).body(definition)
                .when().post("/api/v1/workflows")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    public static String execute(String workflowId) {
        return given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/workflows/" + workflowId + "/execute")
                .then().statusCode(202).extract().path("id");
    }

    public static JsonPath execution(String executionId) {
        return given().when().get("/api/v1/executions/" + executionId).then().statusCode(200).extract().jsonPath();
    }

    /** Polls until the execution leaves pending/running; returns its final state. */
    public static JsonPath awaitEnd(String executionId, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> !ACTIVE.contains(execution(executionId).getString("status")));
        return execution(executionId);
    }

    /** The whole item set, streamed as NDJSON. */
    public static List<JsonNode> itemsNdjson(String executionId) {
        String body = given().accept("application/x-ndjson").when().get("/api/v1/executions/" + executionId + "/items")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        List<JsonNode> items = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                try {
                    items.add(JSON.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return items;
    }

    /** Every task record of the execution ({@code GET /executions/{id}/tasks}, all pages of it). */
    public static List<JsonNode> tasks(String executionId) {
        List<JsonNode> tasks = new ArrayList<>();
        long total;
        do {
            var request = given().queryParam("limit", 100).queryParam("offset", tasks.size());
            String body = request.when().get("/api/v1/executions/" + executionId + "/tasks")
                    .then().statusCode(200).extract().asString();
            JsonNode page;
            try {
                page = JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
            page.get("items").forEach(tasks::add);
            total = page.get("total").asLong();
        } while (tasks.size() < total);
        return tasks;
    }

    /** Every step run of the execution ({@code GET /executions/{id}/steps}), by step id, in workflow order. */
    public static java.util.Map<String, JsonNode> steps(String executionId) {
        String body = given().when().get("/api/v1/executions/" + executionId + "/steps")
                .then().statusCode(200).extract().asString();
        java.util.Map<String, JsonNode> steps = new java.util.LinkedHashMap<>();
        try {
            JSON.readTree(body).forEach(step -> steps.put(step.get("stepId").asText(), step));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        return steps;
    }

    /** Creates the workflow, runs it with {@code input} and waits for it to end. */
    public static JsonPath run(String definition, String input, Duration timeout) {
        String workflowId = createWorkflow(definition);
        String executionId = given().contentType(ContentType.JSON).body("{\"input\": " + input + "}")
                .when().post("/api/v1/workflows/" + workflowId + "/execute")
                .then().statusCode(202).extract().path("id");
        return awaitEnd(executionId, timeout);
    }

    /** The shop example from the issue, pointed at {@code startUrl}, with optional extra config fields. */
    public static String shopWorkflow(String name, String startUrl, String extraConfig) {
        return """
                {"name": "%s",
                 "steps": [{"id": "crawl", "type": "crawl", "config": {
                   "startUrls": ["%s"],
                   "maxDepth": 50, "maxPages": 100000, "renderer": "http",
                   "allowedDomains": ["127.0.0.1"],
                   "rateLimit": {"requestsPerSecond": 0},
                   %s
                   "startPhase": "listing",
                   "phases": [
                     {"id": "listing", "nodes": [
                        {"type": "navigate"},
                        {"type": "extract_links", "selector": "a.cat, a.next", "marker": "listing"},
                        {"type": "extract_links", "selector": "a.product", "marker": "product", "limit": 1000}],
                      "transitions": {"listing": "listing", "product": "detail"}},
                     {"id": "detail", "nodes": [
                        {"type": "navigate"},
                        {"type": "extract", "fields": {
                           "name": {"selector": "h1.name"},
                           "price": {"selector": "span.price"},
                           "sku": {"selector": "span.sku"},
                           "attributes": {"selector": "table.attrs tr", "key": "th", "value": "td"}}}]}]}}]}
                """.formatted(name, startUrl, extraConfig == null ? "" : extraConfig + ",");
    }
}
