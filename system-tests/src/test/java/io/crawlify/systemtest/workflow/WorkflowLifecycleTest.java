package io.crawlify.systemtest.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.crawlify.testsupport.Api;
import io.crawlify.testsupport.Db;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.restassured.http.ContentType;

/** A workflow's life: CRUD, each execution crawling the version it started with, soft delete keeping executions. */
@SystemTest
class WorkflowLifecycleTest {

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
}
