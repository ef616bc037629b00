package io.crawlify.systemtest.step;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.testsupport.Api;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A named breaker shared by every execution calling a failing service: it opens after enough failures, rejects
 * calls without reaching the service, admits a probe after its open delay, closes when the probe succeeds — all
 * visible through the API — and can be reset by hand.
 */
@SystemTest
class StepCircuitBreakerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static JsonPath breaker(String name) {
        return given().when().get("/api/v1/circuit-breakers/" + name).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void opensOnFailuresRejectsWithoutCallingProbesWhenHalfOpenAndClosesOnSuccess() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        String name = "payments-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestSite site = new TestSite(path -> healthy.get() ? Page.json(200, "{\"paid\": true}")
                : Page.json(503, "{\"down\": true}"))) {
            given().contentType(ContentType.JSON).body("""
                    {"failureRatio": 0.5, "minimumCalls": 2, "windowSize": 4, "openDelayMs": 2000, "halfOpenProbes": 1}
                    """).when().put("/api/v1/circuit-breakers/" + name + "/config").then().statusCode(200);
            String workflow = Api.createWorkflow("""
                    {"name": "pay", "steps": [{"id": "pay", "type": "http_request", "circuitBreaker": "%s",
                      "config": {"url": "%s"}, "retry": {"strategy": "none"}}]}
                    """.formatted(name, site.url("/pay")));

            for (int i = 0; i < 2; i++) {
                assertThat(Api.awaitEnd(Api.execute(workflow), TIMEOUT).getString("status")).isEqualTo("failed");
            }
            JsonPath open = breaker(name);
            assertThat(open.getString("state")).isEqualTo("OPEN");
            assertThat(open.getLong("failures")).isEqualTo(2);
            assertThat(site.hits("/pay")).isEqualTo(2);

            // Open: the step fails as circuit_open and the service is not called.
            JsonPath rejected = Api.awaitEnd(Api.execute(workflow), TIMEOUT);
            JsonNode step = Api.steps(rejected.getString("id")).get("pay");
            assertThat(step.get("errorKind").asText()).isEqualTo("circuit_open");
            assertThat(site.hits("/pay")).isEqualTo(2);
            assertThat(breaker(name).getLong("rejections")).isGreaterThanOrEqualTo(1);

            // After the open delay the next call is a probe; it succeeds and closes the breaker.
            healthy.set(true);
            String openedUntil = open.getString("openedUntil");
            await().atMost(Duration.ofSeconds(5)).until(() -> java.time.Instant.now()
                    .isAfter(java.time.Instant.parse(openedUntil).plusMillis(100)));
            JsonPath probed = Api.awaitEnd(Api.execute(workflow), TIMEOUT);
            assertThat(probed.getString("status")).isEqualTo("succeeded");
            assertThat(site.hits("/pay")).isEqualTo(3);
            JsonPath closed = breaker(name);
            assertThat(closed.getString("state")).isEqualTo("CLOSED");
            assertThat(closed.getList("transitions.to", String.class)).containsSubsequence("CLOSED", "HALF_OPEN", "OPEN");

            // Open it again, then reset by hand: calls go through at once.
            healthy.set(false);
            for (int i = 0; i < 2; i++) {
                Api.awaitEnd(Api.execute(workflow), TIMEOUT);
            }
            assertThat(breaker(name).getString("state")).isEqualTo("OPEN");
            given().when().post("/api/v1/circuit-breakers/" + name + "/reset").then().statusCode(200);
            assertThat(breaker(name).getString("state")).isEqualTo("CLOSED");
            healthy.set(true);
            assertThat(Api.awaitEnd(Api.execute(workflow), TIMEOUT).getString("status")).isEqualTo("succeeded");
            assertThat(site.hits("/pay")).isEqualTo(6);
        }
    }

    @Test
    void aStepRejectedByAnOpenBreakerIsRetriedOnceTheBreakerAdmitsCallsAgain() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        String name = "inventory-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestSite site = new TestSite(path -> healthy.get() ? Page.json(200, "{}") : Page.status(500))) {
            given().contentType(ContentType.JSON).body("""
                    {"failureRatio": 1.0, "minimumCalls": 1, "windowSize": 1, "openDelayMs": 1500, "halfOpenProbes": 1}
                    """).when().put("/api/v1/circuit-breakers/" + name + "/config").then().statusCode(200);
            String failing = Api.createWorkflow("""
                    {"name": "trip", "steps": [{"id": "call", "type": "http_request", "circuitBreaker": "%s",
                      "config": {"url": "%s"}, "retry": {"strategy": "none"}}]}
                    """.formatted(name, site.url("/stock")));
            Api.awaitEnd(Api.execute(failing), TIMEOUT);
            assertThat(breaker(name).getString("state")).isEqualTo("OPEN");
            healthy.set(true);

            // circuit_open is retryable; the retry waits out the breaker's remaining open time.
            String patient = Api.createWorkflow("""
                    {"name": "patient", "steps": [{"id": "call", "type": "http_request", "circuitBreaker": "%s",
                      "config": {"url": "%s"},
                      "retry": {"strategy": "fixed", "maxAttempts": 3, "initialDelayMs": 100, "jitter": false}}]}
                    """.formatted(name, site.url("/stock")));
            JsonPath done = Api.awaitEnd(Api.execute(patient), TIMEOUT);
            assertThat(done.getString("status")).isEqualTo("succeeded");
            JsonNode step = Api.steps(done.getString("id")).get("call");
            assertThat(step.get("attemptHistory").get(0).get("errorKind").asText()).isEqualTo("circuit_open");
            assertThat(step.get("attemptHistory").get(step.get("attempts").asInt() - 1).get("status").asText())
                    .isEqualTo("succeeded");
            assertThat(site.hits("/stock")).isEqualTo(2);
        }
    }
}
