package io.crawlify.orchestrator.breaker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crawlify.model.breaker.BreakerKeys;
import io.crawlify.model.breaker.BreakerScripts;
import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.crawlify.testsupport.Db;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Response;

/**
 * The circuit breaker API over state the workers' scripts write: listing, reading, configuring (validated, stored,
 * mirrored into Redis) and resetting, with the state changes visible through the API.
 */
@QuarkusTest
@QuarkusTestResource(CrawlifyTestResources.class)
class CircuitBreakerApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration AWAIT = Duration.ofSeconds(5);
    /** The defaults as a worker passes them (0.5, 5, 20, 30 s, 2 probes), probe timeout 60 s, retention 1 h. */
    private static final List<String> WORKER_ARGS = List.of("0.5", "5", "20", "30000", "2", "60000", "3600000");

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    CircuitBreakerService service;

    private final List<String> names = new ArrayList<>();

    @AfterEach
    void forget() {
        for (String name : names) {
            BreakerKeys keys = new BreakerKeys(name);
            redis.key(String.class).del(keys.state(), keys.window(), keys.config(), keys.history()).await().atMost(AWAIT);
            redis.set(String.class).srem(BreakerKeys.NAMES, name).await().atMost(AWAIT);
            // Else a later reseed would mirror it into Redis again.
            Db.rows("delete from circuit_breaker_configs where name = ? returning name", name);
        }
    }

    private String name() {
        String name = "api-test-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        names.add(name);
        return name;
    }

    /** One call through the breaker as a worker makes it: acquire, then record unless rejected. Returns the decision. */
    private String call(String name, boolean success) {
        Response permit = eval(BreakerScripts.ACQUIRE, name, WORKER_ARGS);
        if (permit.get(3).toInteger() == 1) {
            redis.set(String.class).sadd(BreakerKeys.NAMES, name).await().atMost(AWAIT);
        }
        String decision = permit.get(0).toString();
        if (!decision.equals("REJECTED")) {
            List<String> args = new ArrayList<>(WORKER_ARGS);
            args.add(permit.get(1).toString());
            args.add(success ? "success" : "failure");
            eval(BreakerScripts.RECORD, name, args);
        }
        return decision;
    }

    private Response eval(String script, String name, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add(script);
        all.add("4");
        all.addAll(new BreakerKeys(name).scriptKeys());
        all.addAll(args);
        return redis.execute("EVAL", all.toArray(String[]::new)).await().atMost(AWAIT);
    }

    private static JsonPath breaker(String name) {
        return given().when().get("/api/v1/circuit-breakers/" + name).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void answersUnknownAndInvalidNamesWithProblems() {
        String unknown = name();
        given().when().get("/api/v1/circuit-breakers/" + unknown)
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString(unknown));
        given().when().post("/api/v1/circuit-breakers/" + unknown + "/reset")
                .then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/circuit-breakers/bad%20name")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("name"));
        given().when().get("/api/v1/circuit-breakers?limit=0")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("limit"));
    }

    @Test
    void showsABreakerTheWorkersOpenedAndResetsIt() {
        String name = name();
        for (int i = 0; i < 5; i++) {
            assertThat(call(name, false)).isEqualTo("PERMITTED");
        }
        assertThat(call(name, true)).isEqualTo("REJECTED");

        JsonPath open = breaker(name);
        assertThat(open.getString("state")).isEqualTo("OPEN");
        assertThat(open.getLong("calls")).isEqualTo(5);
        assertThat(open.getLong("failures")).isEqualTo(5);
        assertThat(open.getLong("rejections")).isEqualTo(1);
        assertThat(open.getString("openedUntil")).isNotNull();
        assertThat(open.getLong("retryAfterMs")).isBetween(1L, 30_000L);
        assertThat(open.getDouble("config.failureRatio")).isEqualTo(0.5);
        assertThat(open.getInt("config.windowSize")).isEqualTo(20);
        assertThat(open.getString("override")).isNull();
        assertThat(open.getList("transitions.to")).containsExactly("OPEN");
        assertThat(open.getString("transitions[0].reason")).isEqualTo("5 of the last 5 calls failed");

        given().when().get("/api/v1/circuit-breakers?limit=1000").then().statusCode(200)
                .body("items.name", hasItem(name))
                .body("items.find { it.name == '" + name + "' }.state", equalTo("OPEN"))
                .body("items.find { it.name == '" + name + "' }.transitions", nullValue());

        given().when().post("/api/v1/circuit-breakers/" + name + "/reset").then().statusCode(200)
                .body("state", equalTo("CLOSED")).body("window.calls", equalTo(0))
                .body("openedUntil", nullValue()).body("transitions[0].reason", equalTo("reset through the API"));
        assertThat(call(name, true)).isEqualTo("PERMITTED");
        JsonPath closed = breaker(name);
        assertThat(closed.getString("state")).isEqualTo("CLOSED");
        assertThat(closed.getInt("window.calls")).isEqualTo(1);
        assertThat(closed.getDouble("window.failureRatio")).isZero();
        assertThat(closed.getList("transitions.to")).containsExactly("CLOSED", "OPEN");
    }

    @Test
    void goesOpenHalfOpenClosedUnderItsOwnConfig() {
        String name = name();
        given().contentType(ContentType.JSON).body("{\"minimumCalls\": 2, \"windowSize\": 4, \"openDelayMs\": 400,"
                + " \"halfOpenProbes\": 1}")
                .when().put("/api/v1/circuit-breakers/" + name + "/config")
                .then().statusCode(200)
                .body("state", equalTo("CLOSED")).body("calls", equalTo(0))
                .body("config.minimumCalls", equalTo(2)).body("config.windowSize", equalTo(4))
                .body("config.failureRatio", equalTo(0.5f)).body("override.minimumCalls", equalTo(2))
                .body("override.failureRatio", nullValue());
        assertThat(Db.rows("select minimum_calls, window_size, open_delay_ms, failure_ratio "
                + "from circuit_breaker_configs where name = ?", name))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("minimum_calls")).isEqualTo(2);
                    assertThat(row.get("open_delay_ms")).isEqualTo(400L);
                    assertThat(row.get("failure_ratio")).isNull();
                });
        assertThat(redis.hash(String.class).hgetall(new BreakerKeys(name).config()).await().atMost(AWAIT))
                .containsExactlyInAnyOrderEntriesOf(Map.of("minimumCalls", "2", "windowSize", "4",
                        "openDelayMs", "400", "halfOpenProbes", "1"));
        given().when().get("/api/v1/circuit-breakers?limit=1000").then().statusCode(200)
                .body("items.find { it.name == '" + name + "' }.state", equalTo("CLOSED"));

        call(name, false);
        assertThat(breaker(name).getString("state")).isEqualTo("CLOSED");
        call(name, false);
        assertThat(breaker(name).getString("state")).as("2 calls, both failed").isEqualTo("OPEN");
        await().atMost(AWAIT).until(() -> breaker(name).getString("state").equals("HALF_OPEN"));
        assertThat(breaker(name).getInt("probesInFlight")).isZero();
        assertThat(call(name, true)).isEqualTo("PROBE");
        JsonPath closed = breaker(name);
        assertThat(closed.getString("state")).isEqualTo("CLOSED");
        assertThat(closed.getList("transitions.to")).containsExactly("CLOSED", "HALF_OPEN", "OPEN");
    }

    @Test
    void rejectsInvalidConfigNamingTheField() {
        String name = name();
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"failureRatio\": 0}", "failureRatio"),
                Map.entry("{\"failureRatio\": 1.5}", "failureRatio"),
                Map.entry("{\"failureRatio\": \"half\"}", "failureRatio"),
                Map.entry("{\"minimumCalls\": 0}", "minimumCalls"),
                Map.entry("{\"minimumCalls\": 2.5}", "minimumCalls"),
                Map.entry("{\"minimumCalls\": 10, \"windowSize\": 5}", "windowSize"),
                Map.entry("{\"minimumCalls\": 50}", "minimumCalls"),
                Map.entry("{\"openDelayMs\": -1}", "openDelayMs"),
                Map.entry("{\"halfOpenProbes\": 0}", "halfOpenProbes"),
                Map.entry("{\"failureRate\": 0.5}", "failureRate"),
                Map.entry("[1]", "$"));
        cases.forEach((body, field) -> given().contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/circuit-breakers/" + name + "/config")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo(field))
                .body("detail", notNullValue()));
        given().when().get("/api/v1/circuit-breakers/" + name).then().statusCode(404);
        assertThat(Db.count("select count(*) from circuit_breaker_configs where name = ?", name)).isZero();
    }

    @Test
    void replacingTheConfigDropsTheFieldsLeftOutAndStartReseedsRedis() throws Throwable {
        String name = name();
        given().contentType(ContentType.JSON).body("{\"failureRatio\": 0.8, \"openDelayMs\": 1000}")
                .when().put("/api/v1/circuit-breakers/" + name + "/config").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"openDelayMs\": 2000}")
                .when().put("/api/v1/circuit-breakers/" + name + "/config").then().statusCode(200)
                .body("config.failureRatio", equalTo(0.5f)).body("config.openDelayMs", equalTo(2000))
                .body("override", equalTo(Map.of("openDelayMs", 2000)));
        String configKey = new BreakerKeys(name).config();
        assertThat(redis.hash(String.class).hgetall(configKey).await().atMost(AWAIT))
                .containsExactlyEntriesOf(Map.of("openDelayMs", "2000"));

        redis.key(String.class).del(configKey).await().atMost(AWAIT);
        int seeded = VertxContextSupport.subscribeAndAwait(service::reseed);
        assertThat(seeded).isGreaterThanOrEqualTo(1);
        assertThat(redis.hash(String.class).hgetall(configKey).await().atMost(AWAIT))
                .containsExactlyEntriesOf(Map.of("openDelayMs", "2000"));

        given().contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/circuit-breakers/" + name + "/config").then().statusCode(200)
                .body("override", equalTo(Map.of())).body("config.openDelayMs", equalTo(30000));
        assertThat(redis.key(String.class).exists(configKey).await().atMost(AWAIT)).isFalse();
        given().when().post("/api/v1/circuit-breakers/" + name + "/reset").then().statusCode(200)
                .body("state", equalTo("CLOSED")).body("name", equalTo(name));
        given().when().get("/api/v1/circuit-breakers?limit=1000").then().statusCode(200)
                .body("items.name", hasItem(name)).body("items.name", not(hasItem("never-" + name)));
    }
}
