package io.crawlify.systemtest.template;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crawlify.testsupport.Api;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A template instantiated into a workflow that runs on a worker and extracts what its parameters chose. */
@SystemTest
class TemplateInstantiationTest {

    /** A one-page crawl: the start URL is required, the page budget and the title selector have defaults. */
    private static String template(String name) {
        return """
                {"name": "%s", "description": "one page, its title",
                 "parameters": [
                   {"name": "startUrl", "description": "the page", "required": true},
                   {"name": "maxPages", "default": 5},
                   {"name": "titleSelector", "default": "h1"}],
                 "definition": {"name": "page title", "steps": [{"id": "crawl", "type": "crawl", "config": {
                    "startUrls": ["[[ startUrl ]]"], "maxPages": "[[ maxPages ]]", "renderer": "http",
                    "phases": [{"id": "page", "nodes": [{"type": "navigate"},
                      {"type": "extract", "fields": {"title": {"selector": "[[ titleSelector ]].title"}}}]}]}}]}}
                """.formatted(name);
    }

    private static String create(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/templates")
                .then().statusCode(201).header("Location", containsString("/api/v1/templates/"))
                .extract().path("id");
    }

    @Test
    void instantiatesAWorkflowThatRuns() {
        try (TestSite site = new TestSite(path -> Page.html("<h1 class=\"title\">Hello</h1><h2 class=\"title\">Sub</h2>"))) {
            String id = create(template("runnable-" + UUID.randomUUID()));
            String body = """
                    {"name": "hello page", "parameters": {"startUrl": "%s", "maxPages": 1, "titleSelector": "h2"}}
                    """.formatted(site.url("/hello.html"));
            JsonPath workflow = given().contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/templates/" + id + "/instantiate")
                    .then().statusCode(201).header("Location", containsString("/api/v1/workflows/"))
                    .body("version", equalTo(1)).body("name", equalTo("hello page"))
                    .extract().jsonPath();
            String workflowId = workflow.getString("id");
            given().when().get("/api/v1/workflows/" + workflowId).then().statusCode(200)
                    .body("definition.steps[0].config.startUrls[0]", equalTo(site.url("/hello.html")))
                    .body("definition.steps[0].config.maxPages", equalTo(1))
                    .body("definition.steps[0].config.phases[0].nodes[1].fields.title.selector",
                            equalTo("h2.title"));

            String execution = Api.execute(workflowId);
            assertThat(Api.awaitEnd(execution, Duration.ofSeconds(30)).getString("status")).isEqualTo("succeeded");
            assertThat(Api.itemsNdjson(execution)).singleElement()
                    .satisfies(item -> assertThat(item.at("/data/title").asText()).isEqualTo("Sub"));
        }
    }
}
