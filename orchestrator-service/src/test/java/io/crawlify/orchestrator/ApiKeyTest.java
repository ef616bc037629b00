package io.crawlify.orchestrator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With keys configured, the API answers only requests carrying one; health and metrics stay open. */
@QuarkusTest
@TestProfile(ApiKeyTest.WithKeys.class)
@QuarkusTestResource(CrawlifyTestResources.class)
public class ApiKeyTest {

    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crawlify.api.keys", "key-one,key-two");
        }
    }

    @Test
    void requiresAKeyOnTheApiOnly() {
        given().when().get("/api/v1/workflows").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("field", equalTo("X-API-Key"));
        given().header("X-API-Key", "wrong").when().get("/api/v1/workflows").then().statusCode(401)
                .body("detail", equalTo("unknown API key"));
        given().header("X-API-Key", "key-two").when().get("/api/v1/workflows").then().statusCode(200);
        given().header("Authorization", "Bearer key-one").when().get("/api/v1/workflows").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
