package io.crawlify.orchestrator.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.crawlify.orchestrator.support.Api;
import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.crawlify.orchestrator.support.Db;
import io.crawlify.orchestrator.support.TestSite;
import io.crawlify.orchestrator.support.TestSite.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Workflow CRUD, immutable versions pinned by executions, soft delete, and errors as problem+json. */
@QuarkusTest
@QuarkusTestResource(CrawlifyTestResources.class)
class WorkflowApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void createsReadsListsUpdatesAndSoftDeletes() {
        try (TestSite site = new TestSite(path -> Page.html("<h1 class=\"name\">x</h1>"))) {
            String v1 = Api.shopWorkflow("crud", site.url("/index.html"), null);
            String id = given().contentType(ContentType.JSON).body(v1).when().post("/api/v1/workflows")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/v1/workflows/"))
                    .body("version", equalTo(1)).body("name", equalTo("crud")).body("status", equalTo("active"))
                    .extract().path("id");

            given().when().get("/api/v1/workflows/" + id).then().statusCode(200)
                    .body("definition.steps[0].config.startUrls[0]", equalTo(site.url("/index.html")));
            given().when().get("/api/v1/workflows?limit=1000").then().statusCode(200)
                    .body("items.id", hasItem(id));

            String firstRun = Api.execute(id);

            String v2 = Api.shopWorkflow("crud renamed", site.url("/other.html"), null);
            given().contentType(ContentType.JSON).body(v2).when().put("/api/v1/workflows/" + id)
                    .then().statusCode(200).body("version", equalTo(2)).body("name", equalTo("crud renamed"));
            String secondRun = Api.execute(id);

            assertThat(Api.awaitEnd(firstRun, Duration.ofSeconds(30)).getInt("workflowVersion")).isEqualTo(1);
            assertThat(Api.awaitEnd(secondRun, Duration.ofSeconds(30)).getInt("workflowVersion")).isEqualTo(2);
            assertThat(site.hits("/index.html")).as("version 1 crawled its own start URL").isEqualTo(1);
            assertThat(site.hits("/other.html")).as("version 2 crawled its own start URL").isEqualTo(1);
            assertThat(Db.count("select count(*) from workflow_versions where workflow_id = ?::uuid", id)).isEqualTo(2);
            given().when().get("/api/v1/workflows/" + id + "/executions").then().statusCode(200)
                    .body("size()", equalTo(2));

            given().when().delete("/api/v1/workflows/" + id).then().statusCode(204);
            given().when().get("/api/v1/workflows/" + id).then().statusCode(404).contentType(PROBLEM);
            given().when().get("/api/v1/workflows?limit=1000").then().statusCode(200).body("items.id", not(hasItem(id)));
            given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/workflows/" + id + "/execute")
                    .then().statusCode(404).contentType(PROBLEM);
            // Executions are kept.
            given().when().get("/api/v1/executions/" + firstRun).then().statusCode(200).body("status", equalTo("succeeded"));
        }
    }

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
