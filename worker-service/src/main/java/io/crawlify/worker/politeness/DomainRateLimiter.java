package io.crawlify.worker.politeness;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.crawl.RateLimit;
import io.crawlify.model.frontier.FrontierScripts;
import io.crawlify.worker.redis.RedisScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Spaces requests to one host across every worker: each request reserves the next free slot in Redis and
 * waits until it comes, without holding a thread.
 */
@ApplicationScoped
public class DomainRateLimiter {

    private static final RedisScript SLOT = new RedisScript(FrontierScripts.RATE_SLOT);

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
        return SLOT.run(redis, List.of(FrontierScripts.rateKey(host)), List.of(Long.toString(intervalMicros)))
                .chain(wait -> {
                    long micros = wait.toLong();
                    return micros <= 0 ? Uni.createFrom().item(false)
                            : Uni.createFrom().item(true).onItem().delayIt().by(Duration.ofNanos(micros * 1_000));
                });
    }
}
