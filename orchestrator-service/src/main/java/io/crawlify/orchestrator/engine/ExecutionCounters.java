package io.crawlify.orchestrator.engine;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.crawlify.model.frontier.ExecutionKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * An execution's live counters in Redis (the sums of its fan-out steps' tasks) and its cancellation flag, which
 * workers read before every task. Each call is idempotent, so a Redis hiccup is retried (with a timeout) before
 * the caller sees it.
 */
@ApplicationScoped
public class ExecutionCounters {

    private final ReactiveRedisDataSource redis;

    public ExecutionCounters(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @AsynchronousNonBlocking
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    public Uni<ExecutionStats> stats(UUID executionId) {
        return redis.hash(String.class).hgetall(new ExecutionKeys(executionId).stats()).map(ExecutionStats::fromRedis);
    }

    @AsynchronousNonBlocking
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    public Uni<Void> cancel(UUID executionId, Duration retention) {
        return redis.value(String.class).setex(new ExecutionKeys(executionId).cancelled(), retention.toSeconds(), "1");
    }

    @AsynchronousNonBlocking
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    public Uni<Void> expire(UUID executionId, Duration retention) {
        return redis.key(String.class).expire(new ExecutionKeys(executionId).stats(), retention).replaceWithVoid();
    }
}
