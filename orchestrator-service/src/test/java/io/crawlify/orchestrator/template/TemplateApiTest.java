package io.crawlify.orchestrator.template;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.crawlify.testsupport.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Templates stored, checked, listed, deleted, and their instantiation errors. (A template instantiated into a workflow
 * that runs on a worker: system-tests, TemplateInstantiationTest.)
 */
@QuarkusTest
@QuarkusTestResource(CrawlifyTestResources.class)
class TemplateApiTest {

    private static final String PROBLEM = "application/problem+json";

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
    void storesListsReadsAndDeletesTemplates() {
        String name = "page-title-" + UUID.randomUUID();
        String id = create(template(name));

        given().when().get("/api/v1/templates/" + id).then().statusCode(200)
                .body("name", equalTo(name)).body("description", equalTo("one page, its title"))
                .body("parameters.name", equalTo(List.of("startUrl", "maxPages", "titleSelector")))
                .body("parameters[0].required", equalTo(true)).body("parameters[1].default", equalTo(5))
                .body("definition.steps[0].config.maxPages", equalTo("[[ maxPages ]]"));
        given().when().get("/api/v1/templates?limit=1000").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.definition", nullValue())
                .body("total", equalTo(Math.toIntExact(Db.count("select count(*) from workflow_templates"))));
        assertThat(Db.rows("select parameters::text as p, definition->>'name' as n from workflow_templates "
                + "where id = ?::uuid", id)).singleElement()
                .satisfies(row -> assertThat((String) row.get("p")).contains("\"default\": 5"))
                .satisfies(row -> assertThat(row.get("n")).isEqualTo("page title"));

        given().contentType(ContentType.JSON).body(template(name)).when().post("/api/v1/templates")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString(name));

        given().when().delete("/api/v1/templates/" + id).then().statusCode(204);
        given().when().get("/api/v1/templates/" + id).then().statusCode(404).contentType(PROBLEM);
        given().when().delete("/api/v1/templates/" + id).then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/templates?limit=1000").then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void rejectsPlaceholdersOfUndeclaredParametersNamingTheirPath() {
        String body = template("bad-" + UUID.randomUUID()).replace("[[ startUrl ]]", "[[ startURL ]]");
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/templates")
                .then().statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Invalid template"))
                .body("field", equalTo("definition.steps[0].config.startUrls[0]"))
                .body("detail", containsString("unknown parameter 'startURL'"));

        String badDefault = template("bad-" + UUID.randomUUID()).replace("\"default\": 5", "\"default\": \"many\"");
        given().contentType(ContentType.JSON).body(badDefault).when().post("/api/v1/templates")
                .then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("definition.steps[0].config.maxPages"));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"definition\": {}, \"params\": []}")
                .when().post("/api/v1/templates")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("params"));
    }

    @Test
    void instantiationErrorsNameTheParameterOrTheWorkflowPath() {
        String id = create(template("errors-" + UUID.randomUUID()));
        String path = "/api/v1/templates/" + id + "/instantiate";
        given().contentType(ContentType.JSON).body("{\"parameters\": {\"maxPages\": 3}}").when().post(path)
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("parameters.startUrl"))
                .body("detail", containsString("is required"));
        given().contentType(ContentType.JSON).body("{\"parameters\": {\"startUrl\": \"https://example.com/\", "
                + "\"colour\": \"red\"}}").when().post(path)
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("parameters.colour"))
                .body("detail", containsString("unknown parameter"));
        given().contentType(ContentType.JSON).body("{\"parameters\": {\"startUrl\": \"not a url\"}}").when().post(path)
                .then().statusCode(400).contentType(PROBLEM).body("title", equalTo("Invalid workflow"))
                .body("field", equalTo("steps[0].config.startUrls[0]"));
        given().contentType(ContentType.JSON).body("{\"parameters\": {\"startUrl\": \"https://example.com/\"}, "
                + "\"nmae\": \"x\"}").when().post(path)
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("nmae"));
        given().contentType(ContentType.JSON).when().post(path).then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("parameters.startUrl"));
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/templates/00000000-0000-0000-0000-000000000000/instantiate")
                .then().statusCode(404).contentType(PROBLEM);
        assertThat(Db.count("select count(*) from workflows where name = 'page title'")).isZero();
    }
}
