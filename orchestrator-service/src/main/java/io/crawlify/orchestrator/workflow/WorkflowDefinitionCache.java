package io.crawlify.orchestrator.workflow;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.workflow.WorkflowKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Redis copy of workflow versions for the workers. Versions never change, so entries never go stale; they
 * expire after 30 days unused and workers fall back to PostgreSQL.
 */
@ApplicationScoped
public class WorkflowDefinitionCache {

    private static final long TTL_SECONDS = 30L * 24 * 3600;

    private final ReactiveValueCommands<String, String> values;

    public WorkflowDefinitionCache(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    public Uni<Void> put(UUID workflowId, int version, String definitionJson) {
        return values.setex(WorkflowKeys.definition(workflowId, version), TTL_SECONDS, definitionJson);
    }
}
