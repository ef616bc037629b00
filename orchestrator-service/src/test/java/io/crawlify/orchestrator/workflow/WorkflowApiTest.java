package io.crawlify.orchestrator.workflow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.crawlify.testsupport.Api;
import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Workflow definitions checked on write and errors as problem+json. (CRUD with executions pinned to their version runs
 * on a worker: system-tests, WorkflowLifecycleTest.)
 */
@QuarkusTest
@QuarkusTestResource(CrawlifyTestResources.class)
class WorkflowApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void rejectsAnUnknownNodeTypeNamingItsPath() {
        String body = Api.shopWorkflow("bad", "http://127.0.0.1:1/", null)
                .replace("{\"type\": \"extract_links\", \"selector\": \"a.cat, a.next\"",
                        "{\"type\": \"teleport\", \"selector\": \"a.cat, a.next\"");
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/workflows")
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("field", equalTo("steps[0].config.phases[0].nodes[1].type"))
                .body("detail", containsString("unknown node type 'teleport'"));
    }

    @Test
    void rejectsATransitionToAMissingPhase() {
        String body = Api.shopWorkflow("bad", "http://127.0.0.1:1/", null)
                .replace("\"product\": \"detail\"", "\"product\": \"details\"");
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/workflows")
                .then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("steps[0].config.phases[0].transitions.product"))
                .body("detail", containsString("phase 'details' does not exist"));
    }

    @Test
    void rejectsABadStartUrlAndReportsEveryProblem() {
        String body = Api.shopWorkflow("bad", "not a url", null).replace("\"a.product\"", "\"a[href\"");
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/workflows")
                .then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("steps[0].config.startUrls[0]"))
                .body("errors.path", hasItem("steps[0].config.startUrls[0]"))
                .body("errors.path", hasItem("steps[0].config.phases[0].nodes[2].selector"));
    }

    @Test
    void answersMalformedJsonUnknownIdsAndBadPagingWithProblems() {
        given().contentType(ContentType.JSON).body("{\"name\": ").when().post("/api/v1/workflows")
                .then().statusCode(400).contentType(PROBLEM);
        given().when().get("/api/v1/workflows/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType(PROBLEM).body("detail", startsWith("workflow"));
        given().when().get("/api/v1/executions/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/workflows?limit=0")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("limit"));
        given().contentType(ContentType.JSON).body("{\"input\": [1]}")
                .when().post("/api/v1/workflows/00000000-0000-0000-0000-000000000000/execute")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("input"));
    }

    @Test
    void servesHealthMetricsAndOpenApi() {
        // HTTP metrics count application requests only (not /q/...): make one, whatever ran before.
        given().when().get("/api/v1/workflows").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/workflows"));
    }
}
