package io.crawlify.worker.politeness;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.crawl.RateLimit;
import io.crawlify.runtime.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Spaces requests to one host across every worker: each request reserves the next free slot in Redis and
 * waits until it comes, without holding a thread.
 */
@ApplicationScoped
public class DomainRateLimiter {

    /**
     * Reserves the next request slot of a rate-limited host, cluster-wide (a virtual schedule: each caller takes the
     * next free slot). KEYS: the host's key. ARGV: interval in microseconds. Returns how many microseconds the caller
     * must wait before its request.
     */
    private static final LuaScript SLOT = new LuaScript("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
            if slot < now then slot = now end
            redis.call('SET', KEYS[1], slot + interval, 'PX', math.floor((slot + interval - now) / 1000) + 1000)
            return slot - now
            """);

    private final ReactiveRedisDataSource redis;

    public DomainRateLimiter(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Completes when the caller may send its request; with {@code true} when it had to wait for its slot. */
    public Uni<Boolean> acquire(String host, RateLimit limit) {
        if (!limit.limited()) {
            return Uni.createFrom().item(false);
        }
        long intervalMicros = Math.max(1, Math.round(1_000_000 / limit.requestsPerSecond()));
        return SLOT.run(redis, List.of("crawlify:rate:{" + host + "}"), List.of(Long.toString(intervalMicros)))
                .chain(wait -> {
                    long micros = wait.toLong();
                    return micros <= 0 ? Uni.createFrom().item(false)
                            : Uni.createFrom().item(true).onItem().delayIt().by(Duration.ofNanos(micros * 1_000));
                });
    }
}
