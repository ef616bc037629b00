package io.crawlify.orchestrator.breaker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.breaker.BreakerKeys;
import io.crawlify.model.breaker.BreakerOverride;
import io.crawlify.model.breaker.BreakerScripts;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.runtime.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The orchestrator's side of the breakers in Redis: reading and resetting their state (with the scripts the
 * workers run the state machine with), and mirroring each breaker's own settings.
 */
@ApplicationScoped
public class BreakerStates {

    private static final LuaScript SNAPSHOT = new LuaScript(BreakerScripts.SNAPSHOT);
    private static final LuaScript RESET = new LuaScript(BreakerScripts.RESET);
    private static final List<String> SETTINGS = List.of("failureRatio", "minimumCalls", "windowSize",
            "openDelayMs", "halfOpenProbes");

    private final ReactiveRedisDataSource redis;
    private final List<String> baseArgs;

    public BreakerStates(ReactiveRedisDataSource redis, OrchestratorConfig config) {
        this.redis = redis;
        OrchestratorConfig.Breakers breakers = config.breakers();
        List<String> args = new ArrayList<>(breakers.defaults().scriptArgs());
        args.add(Long.toString(breakers.probeTimeout().toMillis()));
        args.add(Long.toString(Math.max(1, breakers.idleRetention().toMillis())));
        this.baseArgs = List.copyOf(args);
    }

    /** The breaker's state, or empty when it has none (never called, or idle past the retention). */
    public Uni<Optional<BreakerSnapshot>> snapshot(String name) {
        return SNAPSHOT.run(redis, new BreakerKeys(name).scriptKeys(), baseArgs).map(reply -> {
            if (reply == null || reply.size() == 0) {
                return Optional.empty();
            }
            Map<String, String> fields = new HashMap<>();
            Response hash = reply.get(1);
            for (int i = 0; i + 1 < hash.size(); i += 2) {
                fields.put(hash.get(i).toString(), hash.get(i + 1).toString());
            }
            List<String> history = new ArrayList<>();
            reply.get(2).forEach(entry -> history.add(entry.toString()));
            return Optional.of(new BreakerSnapshot(reply.get(0).toLong(), fields, history));
        });
    }

    /** Closes the breaker and clears its window; false when it has no state. */
    public Uni<Boolean> reset(String name) {
        List<String> args = new ArrayList<>(baseArgs);
        args.add("reset through the API");
        return RESET.run(redis, new BreakerKeys(name).scriptKeys(), args).map(reply -> reply.toInteger() == 1);
    }

    /** Every name a worker has called or the API has configured (some may have expired since). */
    public Uni<Set<String>> names() {
        return redis.set(String.class).smembers(BreakerKeys.NAMES);
    }

    public Uni<Void> forget(String name) {
        return redis.set(String.class).srem(BreakerKeys.NAMES, name).replaceWithVoid();
    }

    /**
     * Makes the config hash the scripts read equal to {@code override}: new values are written before stale ones
     * are removed, so a script never sees a field fall back to its default on the way.
     */
    public Uni<Void> mirror(String name, BreakerOverride override) {
        String key = new BreakerKeys(name).config();
        Map<String, String> set = override.redisFields();
        String[] unset = SETTINGS.stream().filter(f -> !set.containsKey(f)).toArray(String[]::new);
        var hash = redis.hash(String.class);
        Uni<Void> write = set.isEmpty() ? Uni.createFrom().voidItem() : hash.hset(key, set).replaceWithVoid();
        return write
                .chain(() -> unset.length == 0 ? Uni.createFrom().voidItem() : hash.hdel(key, unset).replaceWithVoid())
                .chain(() -> redis.set(String.class).sadd(BreakerKeys.NAMES, name).replaceWithVoid());
    }
}
