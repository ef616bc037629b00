package io.crawlify.orchestrator.trigger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.testsupport.Api;
import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.crawlify.testsupport.Db;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code POST /api/v1/hooks/{id}}: signed bodies start executions with the body as input; bad signatures start none. */
@QuarkusTest
@QuarkusTestResource(CrawlifyTestResources.class)
class WebhookTriggerTest {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestSite site;

    @BeforeAll
    static void serve() {
        site = new TestSite(path -> Page.html("<h1>hook</h1>"));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void aValidSignatureStartsAnExecutionWithTheBodyAsInput() throws Exception {
        String secret = "whsec-" + UUID.randomUUID();
        String credential = secretCredential(secret);
        String workflow = Api.createWorkflow(TriggerWorkflows.onePage("signed hook", site.url("/"),
                "[{\"type\": \"webhook\", \"secretCredential\": \"" + credential + "\"}]"));
        byte[] body = "{\"order\": 42, \"items\": [\"a\", \"b\"], \"note\": \"ünïcode\"}".getBytes(StandardCharsets.UTF_8);

        String executionId = given().contentType(ContentType.JSON)
                .header("X-Crawlify-Signature", TriggerWorkflows.signature(secret, body)).body(body)
                .when().post("/api/v1/hooks/" + workflow)
                .then().statusCode(202)
                .body("executionId", notNullValue()).body("workflowId", equalTo(workflow))
                .body("trigger", equalTo("webhook"))
                .extract().path("executionId");

        var execution = Api.execution(executionId);
        assertThat(execution.getString("trigger")).isEqualTo("webhook");
        com.fasterxml.jackson.databind.JsonNode input = JSON.valueToTree(execution.get("input"));
        assertThat(input).isEqualTo(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
        assertThat(Db.rows("select trigger_type, input::text as input from executions where id = ?::uuid", executionId)
                .get(0)).containsEntry("trigger_type", "webhook");

        // An empty body is {}; the signature covers the empty body.
        String empty = given().header("X-Crawlify-Signature", TriggerWorkflows.signature(secret, new byte[0]))
                .when().post("/api/v1/hooks/" + workflow).then().statusCode(202).extract().path("executionId");
        assertThat(Api.execution(empty).getMap("input")).isEmpty();
        assertThat(executions(workflow)).isEqualTo(2);
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedAndStartsNothing() {
        String secret = "whsec-" + UUID.randomUUID();
        String credential = secretCredential(secret);
        String workflow = Api.createWorkflow(TriggerWorkflows.onePage("refused hook", site.url("/"),
                "[{\"type\": \"webhook\", \"secretCredential\": \"" + credential + "\"}]"));
        byte[] body = "{\"order\": 43}".getBytes(StandardCharsets.UTF_8);

        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/hooks/" + workflow)
                .then().statusCode(401).contentType(PROBLEM).body("field", equalTo("X-Crawlify-Signature"))
                .body("detail", containsString("required"));
        given().contentType(ContentType.JSON).header("X-Crawlify-Signature", TriggerWorkflows.signature("wrong", body))
                .body(body).when().post("/api/v1/hooks/" + workflow)
                .then().statusCode(401).contentType(PROBLEM).body("detail", containsString("does not match"));
        // Signed, but for another body: the signature covers the exact bytes.
        given().contentType(ContentType.JSON)
                .header("X-Crawlify-Signature", TriggerWorkflows.signature(secret, "{\"order\": 44}".getBytes()))
                .body(body).when().post("/api/v1/hooks/" + workflow).then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Crawlify-Signature", "sha256=not-hex").body(body)
                .when().post("/api/v1/hooks/" + workflow).then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Crawlify-Signature", "sha1=" + "00".repeat(20)).body(body)
                .when().post("/api/v1/hooks/" + workflow).then().statusCode(401);

        assertThat(executions(workflow)).isZero();
    }

    @Test
    void unsignedAndCustomHeaderHooksPausedWorkflowsAndMissingOnes() throws Exception {
        String unsigned = Api.createWorkflow(TriggerWorkflows.onePage("open hook", site.url("/"),
                "[{\"type\": \"webhook\"}]"));
        given().contentType(ContentType.JSON).body("[1, 2]").when().post("/api/v1/hooks/" + unsigned)
                .then().statusCode(202);
        given().contentType(ContentType.TEXT).body("not json").when().post("/api/v1/hooks/" + unsigned)
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("$"));

        String secret = "gh-" + UUID.randomUUID();
        String github = Api.createWorkflow(TriggerWorkflows.onePage("github style", site.url("/"),
                "[{\"type\": \"webhook\", \"secretCredential\": \"" + secretCredential(secret)
                        + "\", \"signatureHeader\": \"X-Hub-Signature-256\"}]"));
        byte[] body = "{\"ref\": \"main\"}".getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).header("X-Crawlify-Signature", TriggerWorkflows.signature(secret, body))
                .body(body).when().post("/api/v1/hooks/" + github).then().statusCode(401)
                .body("field", equalTo("X-Hub-Signature-256"));
        given().contentType(ContentType.JSON).header("X-Hub-Signature-256", TriggerWorkflows.signature(secret, body))
                .body(body).when().post("/api/v1/hooks/" + github).then().statusCode(202);

        Db.rows("update workflows set status = 'paused' where id = ?::uuid returning id", unsigned);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/hooks/" + unsigned)
                .then().statusCode(409).contentType(PROBLEM);

        String noHook = Api.createWorkflow(TriggerWorkflows.onePage("no hook", site.url("/"), "[]"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/hooks/" + noHook)
                .then().statusCode(404).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/hooks/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
        given().when().delete("/api/v1/workflows/" + github).then().statusCode(204);
        given().contentType(ContentType.JSON).header("X-Hub-Signature-256", TriggerWorkflows.signature(secret, body))
                .body(body).when().post("/api/v1/hooks/" + github).then().statusCode(404);

        assertThat(executions(unsigned)).isEqualTo(1);
        assertThat(executions(github)).isEqualTo(1);
    }

    @Test
    void aDeletedSecretCredentialFailsClosed() {
        String name = secretCredential("short-lived");
        String workflow = Api.createWorkflow(TriggerWorkflows.onePage("lost secret", site.url("/"),
                "[{\"type\": \"webhook\", \"secretCredential\": \"" + name + "\"}]"));
        given().when().delete("/api/v1/credentials/" + name).then().statusCode(204);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).header("X-Crawlify-Signature", TriggerWorkflows.signature("short-lived", body))
                .body(body).when().post("/api/v1/hooks/" + workflow)
                .then().statusCode(503).contentType(PROBLEM).body("detail", containsString(name));
        assertThat(executions(workflow)).isZero();
    }

    @Test
    void rejectsABadCronNamingItsPath() {
        given().contentType(ContentType.JSON)
                .body(TriggerWorkflows.onePage("bad cron", site.url("/"),
                        "[{\"type\": \"webhook\"}, {\"type\": \"schedule\", \"cron\": \"0 61 * * * ?\"}]"))
                .when().post("/api/v1/workflows")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("triggers[1].cron"));
        given().contentType(ContentType.JSON)
                .body(TriggerWorkflows.onePage("bad type", site.url("/"), "[{\"type\": \"email\"}]"))
                .when().post("/api/v1/workflows")
                .then().statusCode(400).body("field", equalTo("triggers[0].type"))
                .body("detail", containsString("unknown trigger type 'email'"));
    }

    private static String secretCredential(String secret) {
        String name = "hook-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("{\"name\": \"%s\", \"value\": \"%s\"}".formatted(name, secret))
                .when().post("/api/v1/credentials").then().statusCode(201);
        return name;
    }

    private static long executions(String workflowId) {
        return Db.count("select count(*) from executions where workflow_id = ?::uuid", workflowId);
    }
}
