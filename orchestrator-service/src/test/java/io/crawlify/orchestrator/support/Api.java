package io.crawlify.orchestrator.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The orchestrator's HTTP API as the tests (and users) drive it. */
public final class Api {

    private Api() {
    }

    public static String createWorkflow(String definition) {
        return given().contentType(ContentType.JSON).body(definition)
                .when().post("/api/v1/workflows")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    public static JsonPath execution(String executionId) {
        return given().when().get("/api/v1/executions/" + executionId).then().statusCode(200).extract().jsonPath();
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
