package io.crawlify.systemtest.step;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.testsupport.Api;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.restassured.path.json.JsonPath;

/** Each retry strategy, observed from the target's side: how many calls, and how far apart. */
@SystemTest
class StepRetryTest {

    /** Dispatch latency on top of the policy's delay: event → orchestrator → Pub/Sub → worker → request. */
    private static final long SLACK_MS = 1_500;

    /** A target whose path /{name}/{n} fails with 503 n times, then answers 200. */
    private static TestSite flaky(Map<String, AtomicInteger> calls) {
        TestSite site = new TestSite(path -> {
            String[] parts = path.split("/");
            int failures = Integer.parseInt(parts[2]);
            int call = calls.computeIfAbsent(parts[1], k -> new AtomicInteger()).incrementAndGet();
            return call <= failures ? Page.json(503, "{\"busy\": true}") : Page.json(200, "{\"ok\": true}");
        });
        // The site's (host:port) breaker outlives earlier sites on the same port, failures included (an earlier
        // test's, or an earlier run's: Redis keeps them): start it clean, or it may open on this test's failures.
        String breaker = URI.create(site.url("/")).getAuthority();
        given().when().post("/api/v1/circuit-breakers/" + breaker + "/reset").then().statusCode(anyOf(is(200), is(404)));
        return site;
    }

    private static String workflow(String name, String url, String retry) {
        return """
                {"name": "%s", "steps": [{"id": "call", "type": "http_request", "config": {"url": "%s"},
                  "retry": %s}]}
                """.formatted(name, url, retry);
    }

    /** Gaps between consecutive calls of one path, in ms. */
    private static List<Long> gaps(TestSite site, String path) {
        List<Long> at = site.hitLog().stream().filter(h -> h.path().equals(path)).map(TestSite.Hit::atNanos).toList();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < at.size(); i++) {
            gaps.add((at.get(i) - at.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }

    @Test
    void eachStrategySpacesItsAttemptsAsConfigured() {
        // One target service per strategy: each has its own (host:port) circuit breaker, reset by flaky() and far
        // from opening here.
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        try (TestSite noneSite = flaky(calls); TestSite fixedSite = flaky(calls); TestSite linearSite = flaky(calls);
                TestSite exponentialSite = flaky(calls); TestSite exhaustedSite = flaky(calls);
                TestSite listedSite = flaky(calls)) {
            String none = Api.createWorkflow(workflow("none", noneSite.url("/none/5"), "{\"strategy\": \"none\"}"));
            String fixed = Api.createWorkflow(workflow("fixed", fixedSite.url("/fixed/2"),
                    "{\"strategy\": \"fixed\", \"maxAttempts\": 4, \"initialDelayMs\": 700, \"jitter\": false}"));
            String linear = Api.createWorkflow(workflow("linear", linearSite.url("/linear/3"),
                    "{\"strategy\": \"linear\", \"maxAttempts\": 4, \"initialDelayMs\": 500, \"jitter\": false}"));
            String exponential = Api.createWorkflow(workflow("exponential", exponentialSite.url("/exponential/3"),
                    "{\"strategy\": \"exponential\", \"maxAttempts\": 5, \"initialDelayMs\": 400, \"maxDelayMs\": 1200, \"jitter\": false}"));
            String exhausted = Api.createWorkflow(workflow("exhausted", exhaustedSite.url("/exhausted/9"),
                    "{\"strategy\": \"fixed\", \"maxAttempts\": 3, \"initialDelayMs\": 300, \"jitter\": false}"));
            String notRetryable = Api.createWorkflow(workflow("status-list", listedSite.url("/listed/9"),
                    "{\"strategy\": \"fixed\", \"maxAttempts\": 3, \"initialDelayMs\": 300, \"retryOnStatus\": [502]}"));
            // All at once: the strategies run side by side.
            Map<String, String> executions = new java.util.LinkedHashMap<>();
            for (var e : Map.of("none", none, "fixed", fixed, "linear", linear, "exponential", exponential,
                    "exhausted", exhausted, "listed", notRetryable).entrySet()) {
                executions.put(e.getKey(), Api.execute(e.getValue()));
            }
            Map<String, JsonPath> done = new java.util.HashMap<>();
            executions.forEach((name, id) -> done.put(name, Api.awaitEnd(id, Duration.ofSeconds(40))));

            assertThat(done.get("none").getString("status")).isEqualTo("failed");
            assertThat(noneSite.hits("/none/5")).isEqualTo(1);

            assertThat(done.get("fixed").getString("status")).isEqualTo("succeeded");
            assertThat(fixedSite.hits("/fixed/2")).isEqualTo(3);
            assertThat(gaps(fixedSite, "/fixed/2")).allSatisfy(gap -> assertThat(gap).isBetween(700L, 700 + SLACK_MS));

            assertThat(done.get("linear").getString("status")).isEqualTo("succeeded");
            assertThat(linearSite.hits("/linear/3")).isEqualTo(4);
            List<Long> linearGaps = gaps(linearSite, "/linear/3");
            assertThat(linearGaps.get(0)).isBetween(500L, 500 + SLACK_MS);
            assertThat(linearGaps.get(1)).isBetween(1000L, 1000 + SLACK_MS);
            assertThat(linearGaps.get(2)).isBetween(1500L, 1500 + SLACK_MS);

            assertThat(done.get("exponential").getString("status")).isEqualTo("succeeded");
            assertThat(exponentialSite.hits("/exponential/3")).isEqualTo(4);
            List<Long> exponentialGaps = gaps(exponentialSite, "/exponential/3");
            assertThat(exponentialGaps.get(0)).isBetween(400L, 400 + SLACK_MS);
            assertThat(exponentialGaps.get(1)).isBetween(800L, 800 + SLACK_MS);
            assertThat(exponentialGaps.get(2)).as("capped by maxDelayMs").isBetween(1200L, 1200 + SLACK_MS);

            assertThat(done.get("exhausted").getString("status")).isEqualTo("failed");
            assertThat(exhaustedSite.hits("/exhausted/9")).isEqualTo(3);
            JsonNode step = Api.steps(done.get("exhausted").getString("id")).get("call");
            assertThat(step.get("attempts").asInt()).isEqualTo(3);
            assertThat(step.get("attemptHistory")).hasSize(3).allSatisfy(a -> {
                assertThat(a.get("status").asText()).isEqualTo("failed");
                assertThat(a.get("errorKind").asText()).isEqualTo("http_status");
                assertThat(a.get("httpStatus").asInt()).isEqualTo(503);
            });

            // retryOnStatus lists only 502: a 503 is final at once.
            assertThat(done.get("listed").getString("status")).isEqualTo("failed");
            assertThat(listedSite.hits("/listed/9")).isEqualTo(1);
        }
    }
}
