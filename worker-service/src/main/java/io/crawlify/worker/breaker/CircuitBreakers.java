package io.crawlify.worker.breaker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.breaker.BreakerConfig;
import io.crawlify.model.breaker.BreakerKeys;
import io.crawlify.model.breaker.BreakerScripts;
import io.crawlify.model.breaker.BreakerState;
import io.crawlify.runtime.redis.LuaScript;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Circuit breakers shared by every worker: their state lives in Redis and each decision is one atomic script
 * ({@link BreakerScripts}). Wrap a call in {@link #acquire} / {@link #record}, or hand it to {@link #guard}.
 * Names are host names ({@link BreakerKeys#forHost}) or service names, 1-128 of {@code [A-Za-z0-9._:-]}.
 */
@ApplicationScoped
public class CircuitBreakers {

    private static final LuaScript ACQUIRE = new LuaScript(BreakerScripts.ACQUIRE);
    private static final LuaScript RECORD = new LuaScript(BreakerScripts.RECORD);

    private final ReactiveRedisDataSource redis;
    private final BreakerMetrics metrics;
    /** Defaults, probe timeout and idle retention: the ARGV every script starts with. */
    private final List<String> baseArgs;

    public CircuitBreakers(ReactiveRedisDataSource redis, BreakerSettings settings, MeterRegistry registry) {
        BreakerConfig defaults = settings.defaults();
        if (!defaults.problems().isEmpty()) {
            throw new IllegalStateException("invalid crawlify.breakers defaults: " + defaults.problems());
        }
        this.redis = redis;
        this.metrics = new BreakerMetrics(registry);
        List<String> args = new ArrayList<>(defaults.scriptArgs());
        args.add(Long.toString(settings.probeTimeout().toMillis()));
        args.add(Long.toString(Math.max(1, settings.idleRetention().toMillis())));
        this.baseArgs = List.copyOf(args);
    }

    /**
     * Asks the breaker for a call: permitted (closed), permitted as a probe (half-open), or rejected (open, with
     * {@code retryAfterMs}). A permitted call must end in {@link #record} or {@link #release}.
     */
    public Uni<BreakerPermit> acquire(String name) {
        return Uni.createFrom().item(() -> new BreakerKeys(name))
                .chain(keys -> ACQUIRE.run(redis, keys.scriptKeys(), baseArgs))
                .call(reply -> reply.get(3).toInteger() == 1 ? register(name) : Uni.createFrom().voidItem())
                .map(reply -> {
                    BreakerPermit permit = new BreakerPermit(BreakerPermit.Decision.valueOf(reply.get(0).toString()),
                            reply.get(1).toLong(), reply.get(2).toLong());
                    observeTransition(name, reply.get(4));
                    if (!permit.permitted()) {
                        metrics.rejected(name);
                    }
                    return permit;
                });
    }

    /** Records the outcome of a permitted call (a rejected permit records nothing). */
    public Uni<Void> record(String name, BreakerPermit permit, boolean success) {
        return report(name, permit, success ? "success" : "failure");
    }

    /** Gives back a permit whose call was abandoned without an outcome (cancelled), freeing its probe slot. */
    public Uni<Void> release(String name, BreakerPermit permit) {
        return report(name, permit, "release");
    }

    /**
     * Runs {@code call} under the breaker. Rejected: fails with {@link CircuitOpenException} without calling. Else
     * the outcome is recorded: a failure is an exception that {@code countsAsFailure}, or an item that
     * {@code failedItem} (e.g. an HTTP 503). The call's own result is never lost to a failure to record it.
     */
    public <T> Uni<T> guard(String name, Supplier<Uni<? extends T>> call, Predicate<? super T> failedItem,
            Predicate<Throwable> countsAsFailure) {
        return acquire(name).chain(permit -> {
            if (!permit.permitted()) {
                return Uni.createFrom().failure(new CircuitOpenException(name, permit.retryAfterMs()));
            }
            return Uni.createFrom().<T>deferred(call)
                    .onItemOrFailure().call((item, error) -> recordQuietly(name, permit,
                            error == null ? !failedItem.test(item) : !countsAsFailure.test(error)))
                    .onCancellation().call(() -> release(name, permit).onFailure().recoverWithNull());
        });
    }

    /** {@link #guard} where every exception is a failure and every item a success. */
    public <T> Uni<T> guard(String name, Supplier<Uni<? extends T>> call) {
        return guard(name, call, item -> false, error -> true);
    }

    private Uni<Void> report(String name, BreakerPermit permit, String outcome) {
        if (!permit.permitted()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> new BreakerKeys(name))
                .chain(keys -> {
                    List<String> args = new ArrayList<>(baseArgs);
                    args.add(Long.toString(permit.epoch()));
                    args.add(outcome);
                    return RECORD.run(redis, keys.scriptKeys(), args);
                })
                .invoke(reply -> observeTransition(name, reply.get(1)))
                .replaceWithVoid();
    }

    private Uni<Void> recordQuietly(String name, BreakerPermit permit, boolean success) {
        return record(name, permit, success).onFailure().recoverWithUni(e -> {
            Log.warnf("could not record an outcome on circuit breaker %s: %s", name, e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> register(String name) {
        return redis.set(String.class).sadd(BreakerKeys.NAMES, name).replaceWithVoid();
    }

    private void observeTransition(String name, Response transitionedTo) {
        String to = transitionedTo == null ? "" : transitionedTo.toString();
        if (!to.isEmpty()) {
            BreakerState state = BreakerState.valueOf(to);
            metrics.transitioned(name, state);
            Log.infof("circuit breaker %s is now %s", name, state);
        }
    }
}
