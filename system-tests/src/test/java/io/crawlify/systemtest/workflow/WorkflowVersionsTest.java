package io.crawlify.systemtest.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crawlify.testsupport.Api;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A workflow's version history, newest first, and executions keeping the version they started with. */
@SystemTest
class WorkflowVersionsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void listsEveryVersionNewestFirstAndServesEachDefinition() {
        try (TestSite site = new TestSite(path -> Page.html("<h1 class=\"name\">x</h1>"))) {
            String id = Api.createWorkflow(Api.shopWorkflow("versioned", site.url("/v1.html"), null));
            String pinned = Api.execute(id);
            for (int v = 2; v <= 3; v++) {
                given().contentType(ContentType.JSON).body(Api.shopWorkflow("versioned", site.url("/v" + v + ".html"), null))
                        .when().put("/api/v1/workflows/" + id).then().statusCode(200).body("version", equalTo(v));
            }

            JsonPath versions = given().when().get("/api/v1/workflows/" + id + "/versions").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(versions.getList("items.version", Integer.class)).containsExactly(3, 2, 1);
            assertThat(versions.getList("items.current", Boolean.class)).containsExactly(true, false, false);
            assertThat(versions.getList("items.createdAt", String.class)).doesNotContainNull();
            assertThat(versions.getInt("total")).isEqualTo(3);
            assertThat(versions.getString("items[0].definition")).as("lists carry no definitions").isNull();

            given().when().get("/api/v1/workflows/" + id + "/versions?offset=1&limit=1").then().statusCode(200)
                    .body("items.version", equalTo(List.of(2))).body("total", equalTo(3))
                    .body("offset", equalTo(1)).body("limit", equalTo(1));
            given().when().get("/api/v1/workflows/" + id + "/versions/1").then().statusCode(200)
                    .body("version", equalTo(1)).body("current", equalTo(false)).body("workflowId", equalTo(id))
                    .body("definition.steps[0].config.startUrls[0]", equalTo(site.url("/v1.html")));
            given().when().get("/api/v1/workflows/" + id + "/versions/3").then().statusCode(200)
                    .body("current", equalTo(true))
                    .body("definition.steps[0].config.startUrls[0]", equalTo(site.url("/v3.html")));

            assertThat(Api.awaitEnd(pinned, Duration.ofSeconds(30)).getInt("workflowVersion"))
                    .as("started before the updates").isEqualTo(1);
            assertThat(site.hits("/v1.html")).isEqualTo(1);
            assertThat(site.hits("/v3.html")).isZero();

            given().when().get("/api/v1/workflows/" + id + "/versions/4").then().statusCode(404).contentType(PROBLEM);
            given().when().get("/api/v1/workflows/" + id + "/versions?limit=0").then().statusCode(400)
                    .contentType(PROBLEM).body("field", equalTo("limit"));
            given().when().delete("/api/v1/workflows/" + id).then().statusCode(204);
            given().when().get("/api/v1/workflows/" + id + "/versions").then().statusCode(404).contentType(PROBLEM);
            given().when().get("/api/v1/workflows/00000000-0000-0000-0000-000000000000/versions/1")
                    .then().statusCode(404).contentType(PROBLEM);
        }
    }
}
