package io.crawlify.orchestrator.engine;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.frontier.ExecutionKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * An execution's live counters in Redis (the sums of its fan-out steps' tasks) and its cancellation flag, which
 * workers read before every task.
 */
@ApplicationScoped
public class ExecutionCounters {

    private final ReactiveRedisDataSource redis;

    public ExecutionCounters(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<ExecutionStats> stats(UUID executionId) {
        return redis.hash(String.class).hgetall(new ExecutionKeys(executionId).stats()).map(ExecutionStats::fromRedis);
    }

    public Uni<Void> cancel(UUID executionId, Duration retention) {
        return redis.value(String.class).setex(new ExecutionKeys(executionId).cancelled(), retention.toSeconds(), "1");
    }

    public Uni<Void> expire(UUID executionId, Duration retention) {
        return redis.key(String.class).expire(new ExecutionKeys(executionId).stats(), retention).replaceWithVoid();
    }
}
