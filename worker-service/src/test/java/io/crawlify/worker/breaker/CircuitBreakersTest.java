package io.crawlify.worker.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crawlify.model.breaker.BreakerKeys;
import io.crawlify.model.breaker.BreakerScripts;
import io.crawlify.worker.breaker.BreakerPermit.Decision;
import io.crawlify.runtime.redis.LuaScript;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * The breaker state machine against the real Redis (127.0.0.1:6379), through the worker's bean. Every test uses
 * its own breaker names and deletes their keys; time is Redis time, so waits are real.
 */
class CircuitBreakersTest {

    private static final Duration AWAIT = Duration.ofSeconds(5);

    private static Vertx vertx;
    private static Redis client;
    private static ReactiveRedisDataSource redis;

    private final List<String> names = new ArrayList<>();
    private SimpleMeterRegistry registry;

    record Settings(double failureRatio, int minimumCalls, int windowSize, Duration openDelay, int halfOpenProbes,
            Duration probeTimeout, Duration idleRetention) implements BreakerSettings {
    }

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));
        redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }

    @AfterAll
    static void disconnect() {
        client.close();
        vertx.closeAndAwait();
    }

    @AfterEach
    void forget() {
        for (String name : names) {
            BreakerKeys keys = new BreakerKeys(name);
            redis.key(String.class).del(keys.state(), keys.window(), keys.config(), keys.history()).await().atMost(AWAIT);
            redis.set(String.class).srem(BreakerKeys.NAMES, name).await().atMost(AWAIT);
        }
    }

    private String name() {
        String name = "test-" + UUID.randomUUID();
        names.add(name);
        return name;
    }

    /** failureRatio 0.5, minimumCalls 5, windowSize 10, the given open delay and probes; probe timeout 30 s. */
    private CircuitBreakers breakers(Duration openDelay, int probes) {
        return breakers(new Settings(0.5, 5, 10, openDelay, probes, Duration.ofSeconds(30), Duration.ofHours(1)));
    }

    private CircuitBreakers breakers(Settings settings) {
        registry = new SimpleMeterRegistry();
        return new CircuitBreakers(redis, settings, registry);
    }

    private static BreakerPermit acquire(CircuitBreakers breakers, String name) {
        return breakers.acquire(name).await().atMost(AWAIT);
    }

    /** Acquires and records one call; returns the permit it got. */
    private static BreakerPermit call(CircuitBreakers breakers, String name, boolean success) {
        BreakerPermit permit = acquire(breakers, name);
        breakers.record(name, permit, success).await().atMost(AWAIT);
        return permit;
    }

    private static Map<String, String> state(String name) {
        return redis.hash(String.class).hgetall(new BreakerKeys(name).state()).await().atMost(AWAIT);
    }

    private void open(CircuitBreakers breakers, String name) {
        for (int i = 0; i < 5; i++) {
            call(breakers, name, false);
        }
        assertThat(state(name)).containsEntry("state", "OPEN");
    }

    @Test
    void staysClosedBelowMinimumCallsThenOpensWhenTheRatioIsCrossed() {
        CircuitBreakers breakers = breakers(Duration.ofSeconds(10), 1);
        String name = name();
        for (int i = 0; i < 4; i++) {
            assertThat(call(breakers, name, false).decision()).isEqualTo(Decision.PERMITTED);
        }
        assertThat(state(name)).containsEntry("state", "CLOSED").containsEntry("windowFailures", "4");

        assertThat(call(breakers, name, false).decision()).as("the fifth call is admitted; its failure opens")
                .isEqualTo(Decision.PERMITTED);
        assertThat(state(name)).containsEntry("state", "OPEN").containsEntry("windowCalls", "0")
                .containsEntry("calls", "5").containsEntry("failures", "5");
        assertThat(redis.set(String.class).sismember(BreakerKeys.NAMES, name).await().atMost(AWAIT))
                .as("a new breaker is listed").isTrue();
    }

    @Test
    void opensAtTheRatioOverTheWindowNotBefore() {
        CircuitBreakers breakers = breakers(Duration.ofSeconds(10), 1);
        String name = name();
        for (boolean success : new boolean[] {true, true, true, false, false}) {
            call(breakers, name, success);
        }
        assertThat(state(name)).as("2 of 5 failed").containsEntry("state", "CLOSED");
        call(breakers, name, false);
        assertThat(state(name)).as("3 of 6 failed: 0.5").containsEntry("state", "OPEN");
    }

    @Test
    void oldOutcomesSlideOutOfTheWindow() {
        CircuitBreakers breakers = breakers(new Settings(0.75, 4, 4, Duration.ofSeconds(10), 1,
                Duration.ofSeconds(30), Duration.ofHours(1)));
        String name = name();
        for (boolean success : new boolean[] {false, false, true, true, true, true, false, false}) {
            call(breakers, name, success);
        }
        assertThat(state(name)).as("the window holds s, s, f, f").containsEntry("state", "CLOSED")
                .containsEntry("windowCalls", "4").containsEntry("windowFailures", "2");
        assertThat(redis.list(String.class).llen(new BreakerKeys(name).window()).await().atMost(AWAIT)).isEqualTo(4);
        call(breakers, name, false);
        assertThat(state(name)).as("s, f, f, f: 0.75").containsEntry("state", "OPEN");
    }

    @Test
    void rejectsWhileOpenWithTheTimeLeftAsRetryAfter() throws InterruptedException {
        CircuitBreakers breakers = breakers(Duration.ofSeconds(3), 1);
        String name = name();
        open(breakers, name);

        BreakerPermit first = acquire(breakers, name);
        assertThat(first.decision()).isEqualTo(Decision.REJECTED);
        assertThat(first.permitted()).isFalse();
        assertThat(first.retryAfterMs()).isBetween(2_500L, 3_000L);
        Thread.sleep(1_000);
        assertThat(acquire(breakers, name).retryAfterMs()).isBetween(1_500L, 2_100L);
        breakers.record(name, first, false).await().atMost(AWAIT);
        assertThat(state(name)).as("a rejected permit records nothing").containsEntry("rejections", "2")
                .containsEntry("calls", "5");
        assertThat(registry.get("crawlify.breaker.rejections").tag("name", name).counter().count()).isEqualTo(2);
        assertThat(registry.get("crawlify.breaker.transitions").tag("name", name).tag("state", "OPEN").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("crawlify.breaker.state").tag("name", name).gauge().value()).isEqualTo(2);
    }

    @Test
    void halfOpenAdmitsExactlyTheProbesAndClosesWhenAllSucceed() throws InterruptedException {
        CircuitBreakers breakers = breakers(Duration.ofMillis(300), 3);
        String name = name();
        open(breakers, name);
        Thread.sleep(400);

        List<Uni<BreakerPermit>> racing = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            racing.add(breakers.acquire(name));
        }
        List<BreakerPermit> permits = Uni.join().all(racing).andFailFast().await().atMost(AWAIT);
        List<BreakerPermit> probes = permits.stream().filter(p -> p.decision() == Decision.PROBE).toList();
        assertThat(probes).hasSize(3);
        assertThat(permits.stream().filter(p -> p.decision() == Decision.REJECTED)).hasSize(9)
                .allSatisfy(p -> assertThat(p.retryAfterMs()).isPositive());
        assertThat(state(name)).containsEntry("state", "HALF_OPEN").containsEntry("probes", "3");

        breakers.record(name, probes.get(0), true).await().atMost(AWAIT);
        breakers.record(name, probes.get(1), true).await().atMost(AWAIT);
        assertThat(state(name)).containsEntry("state", "HALF_OPEN");
        breakers.record(name, probes.get(2), true).await().atMost(AWAIT);
        assertThat(state(name)).containsEntry("state", "CLOSED").containsEntry("windowCalls", "0");
        assertThat(acquire(breakers, name).decision()).isEqualTo(Decision.PERMITTED);

        List<String> history = redis.list(String.class).lrange(new BreakerKeys(name).history(), 0, -1)
                .await().atMost(AWAIT);
        assertThat(history).hasSize(3);
        assertThat(history.get(0)).contains("\"from\":\"HALF_OPEN\"").contains("\"to\":\"CLOSED\"");
        assertThat(history.get(2)).contains("\"to\":\"OPEN\"").contains("5 of the last 5 calls failed");
    }

    @Test
    void aFailedProbeReopens() throws InterruptedException {
        CircuitBreakers breakers = breakers(Duration.ofMillis(300), 2);
        String name = name();
        open(breakers, name);
        Thread.sleep(400);

        BreakerPermit probe1 = acquire(breakers, name);
        BreakerPermit probe2 = acquire(breakers, name);
        assertThat(List.of(probe1.decision(), probe2.decision())).containsOnly(Decision.PROBE);
        breakers.record(name, probe1, true).await().atMost(AWAIT);
        breakers.record(name, probe2, false).await().atMost(AWAIT);
        assertThat(state(name)).containsEntry("state", "OPEN");
        assertThat(acquire(breakers, name).decision()).isEqualTo(Decision.REJECTED);
    }

    @Test
    void lateOutcomesOfAnEarlierStateDoNotCount() throws InterruptedException {
        CircuitBreakers breakers = breakers(Duration.ofMillis(300), 1);
        String name = name();
        BreakerPermit slow = acquire(breakers, name);
        open(breakers, name);
        Thread.sleep(400);
        BreakerPermit probe = acquire(breakers, name);
        assertThat(probe.decision()).isEqualTo(Decision.PROBE);

        breakers.record(name, slow, true).await().atMost(AWAIT);
        assertThat(state(name)).as("a success admitted while closed is no probe").containsEntry("state", "HALF_OPEN")
                .containsEntry("probeSuccesses", "0").containsEntry("calls", "6");
        breakers.record(name, probe, true).await().atMost(AWAIT);
        assertThat(state(name)).containsEntry("state", "CLOSED");
        breakers.record(name, probe, false).await().atMost(AWAIT);
        assertThat(state(name)).as("a duplicate outcome of the probe").containsEntry("state", "CLOSED")
                .containsEntry("windowCalls", "0");
    }

    @Test
    void probesThatNeverReportAreReplacedAfterTheProbeTimeout() throws InterruptedException {
        CircuitBreakers breakers = breakers(new Settings(0.5, 5, 10, Duration.ofMillis(200), 1,
                Duration.ofMillis(700), Duration.ofHours(1)));
        String name = name();
        open(breakers, name);
        Thread.sleep(300);

        BreakerPermit lost = acquire(breakers, name);
        assertThat(lost.decision()).isEqualTo(Decision.PROBE);
        BreakerPermit waiting = acquire(breakers, name);
        assertThat(waiting.decision()).isEqualTo(Decision.REJECTED);
        assertThat(waiting.retryAfterMs()).as("bounded by the open delay").isBetween(1L, 200L);
        Thread.sleep(800);
        BreakerPermit next = acquire(breakers, name);
        assertThat(next.decision()).isEqualTo(Decision.PROBE);
        breakers.record(name, lost, false).await().atMost(AWAIT);
        assertThat(state(name)).as("the lost probe's round is over").containsEntry("state", "HALF_OPEN");
        breakers.record(name, next, true).await().atMost(AWAIT);
        assertThat(state(name)).containsEntry("state", "CLOSED");
    }

    @Test
    void releasingAProbeFreesItsSlot() throws InterruptedException {
        CircuitBreakers breakers = breakers(Duration.ofMillis(200), 1);
        String name = name();
        open(breakers, name);
        Thread.sleep(300);
        BreakerPermit probe = acquire(breakers, name);
        assertThat(acquire(breakers, name).decision()).isEqualTo(Decision.REJECTED);
        breakers.release(name, probe).await().atMost(AWAIT);
        assertThat(acquire(breakers, name).decision()).isEqualTo(Decision.PROBE);
    }

    @Test
    void aPerNameOverrideInRedisWinsOverTheDefaults() {
        CircuitBreakers breakers = breakers(Duration.ofSeconds(10), 1);
        String name = name();
        redis.hash(String.class).hset(new BreakerKeys(name).config(), Map.of("minimumCalls", "2", "windowSize", "2"))
                .await().atMost(AWAIT);
        call(breakers, name, false);
        assertThat(state(name)).containsEntry("state", "CLOSED");
        call(breakers, name, false);
        assertThat(state(name)).containsEntry("state", "OPEN");
    }

    @Test
    void resetClosesAndClearsTheWindow() {
        CircuitBreakers breakers = breakers(Duration.ofSeconds(10), 1);
        String name = name();
        open(breakers, name);
        BreakerPermit rejected = acquire(breakers, name);
        assertThat(rejected.decision()).isEqualTo(Decision.REJECTED);

        List<String> args = new ArrayList<>(List.of("0.5", "5", "10", "10000", "1", "30000", "3600000", "test reset"));
        Long found = new LuaScript(BreakerScripts.RESET).run(redis, new BreakerKeys(name).scriptKeys(), args)
                .await().atMost(AWAIT).toLong();
        assertThat(found).isEqualTo(1);
        assertThat(state(name)).containsEntry("state", "CLOSED").containsEntry("windowCalls", "0")
                .containsEntry("openedUntil", "0");
        assertThat(acquire(breakers, name).decision()).isEqualTo(Decision.PERMITTED);
        assertThat(new LuaScript(BreakerScripts.RESET).run(redis, new BreakerKeys(name()).scriptKeys(), args)
                .await().atMost(AWAIT).toLong()).as("an unknown breaker").isZero();
    }

    @Test
    void guardRefusesWhileOpenAndRecordsOutcomes() {
        CircuitBreakers breakers = breakers(Duration.ofSeconds(10), 1);
        String name = name();
        for (int i = 0; i < 5; i++) {
            int status = i < 2 ? 200 : 503;
            assertThat(breakers.guard(name, () -> Uni.createFrom().item(status), s -> s >= 500, e -> true)
                    .await().atMost(AWAIT)).isEqualTo(status);
        }
        assertThat(state(name)).as("3 of 5 answered 503").containsEntry("state", "OPEN");
        assertThatThrownBy(() -> breakers.guard(name, () -> Uni.createFrom().item("never")).await().atMost(AWAIT))
                .isInstanceOfSatisfying(CircuitOpenException.class, e -> {
                    assertThat(e.errorKind()).isEqualTo("circuit_open");
                    assertThat(e.retryAfterMs()).isPositive();
                });

        String other = name();
        assertThatThrownBy(() -> breakers.guard(other,
                () -> Uni.createFrom().failure(new IllegalStateException("boom"))).await().atMost(AWAIT))
                .hasMessage("boom");
        assertThat(state(other)).containsEntry("failures", "1");
    }

    @Test
    void refusesAnInvalidName() {
        CircuitBreakers breakers = breakers(Duration.ofSeconds(10), 1);
        assertThatThrownBy(() -> breakers.acquire("a b").await().atMost(AWAIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BreakerKeys.forHost("[::1]")).isEqualTo("::1");
        assertThat(BreakerKeys.forHost("API.Example.com")).isEqualTo("api.example.com");
    }
}
