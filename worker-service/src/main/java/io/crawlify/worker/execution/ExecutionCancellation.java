package io.crawlify.worker.execution;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.frontier.ExecutionKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Whether an execution was cancelled: the orchestrator sets the flag in Redis, and page and step runners look
 * before doing work with outside effects.
 */
@ApplicationScoped
public class ExecutionCancellation {

    private final ReactiveRedisDataSource redis;

    public ExecutionCancellation(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Boolean> cancelled(UUID executionId) {
        return redis.key(String.class).exists(new ExecutionKeys(executionId).cancelled());
    }
}
