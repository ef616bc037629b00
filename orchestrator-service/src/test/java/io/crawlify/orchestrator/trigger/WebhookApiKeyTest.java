package io.crawlify.orchestrator.trigger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crawlify.orchestrator.ApiKeyTest;
import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * With API keys configured, a signed webhook is authenticated by its signature alone (senders such as GitHub send
 * no API key); an unsigned one, and any hook request for a workflow without a webhook trigger, needs the key.
 */
@QuarkusTest
@TestProfile(ApiKeyTest.WithKeys.class)
@QuarkusTestResource(CrawlifyTestResources.class)
class WebhookApiKeyTest {

    private static final String KEY = "key-one";

    @Test
    void signedHooksNeedNoKeyOtherHooksDo() {
        String secret = "whsec-" + UUID.randomUUID();
        String credential = "hook-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("X-API-Key", KEY).contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"value\": \"%s\"}".formatted(credential, secret))
                .when().post("/api/v1/credentials").then().statusCode(201);
        String signed = create(TriggerWorkflows.onePage("signed", "http://127.0.0.1:1/",
                "[{\"type\": \"webhook\", \"secretCredential\": \"" + credential + "\"}]"));
        String unsigned = create(TriggerWorkflows.onePage("unsigned", "http://127.0.0.1:1/", "[{\"type\": \"webhook\"}]"));
        String none = create(TriggerWorkflows.onePage("none", "http://127.0.0.1:1/", "[]"));
        byte[] body = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);

        given().contentType(ContentType.JSON).header("X-Crawlify-Signature", TriggerWorkflows.signature(secret, body))
                .body(body).when().post("/api/v1/hooks/" + signed).then().statusCode(202);
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/hooks/" + signed)
                .then().statusCode(401).body("field", equalTo("X-Crawlify-Signature"));

        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/hooks/" + unsigned)
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("field", equalTo("X-API-Key"));
        given().header("X-API-Key", KEY).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/hooks/" + unsigned).then().statusCode(202);

        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/hooks/" + none).then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/hooks/" + UUID.randomUUID())
                .then().statusCode(401);
        given().header("X-API-Key", KEY).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/hooks/" + none).then().statusCode(404);
        // Only the hook path itself skips the filter.
        given().when().get("/api/v1/hooks/" + signed + "/../../workflows").then().statusCode(401);
        given().when().get("/api/v1/credentials").then().statusCode(401);
    }

    private static String create(String workflow) {
        return given().header("X-API-Key", KEY).contentType(ContentType.JSON).body(workflow)
                .when().post("/api/v1/workflows").then().statusCode(201).extract().path("id");
    }
}
