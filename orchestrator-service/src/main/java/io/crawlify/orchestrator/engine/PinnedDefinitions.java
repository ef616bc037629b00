package io.crawlify.orchestrator.engine;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.workflow.WorkflowDefinition;
import io.crawlify.model.workflow.WorkflowKeys;
import io.crawlify.runtime.definitions.StoredVersions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The workflow versions executions are pinned to. Parsed versions are kept in memory, and each version an execution
 * starts with is copied to Redis for the workers (which fall back to PostgreSQL when the copy expired). A stored
 * version never changes, so neither copy goes stale.
 */
@ApplicationScoped
public class PinnedDefinitions {

    private static final int MAX_ENTRIES = 1_000;
    private static final long REDIS_TTL_SECONDS = 30L * 24 * 3600;

    private final Map<String, WorkflowDefinition> parsed = new ConcurrentHashMap<>();
    private final ReactiveValueCommands<String, String> values;

    public PinnedDefinitions(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    /** Makes a version available to the workers before any of its tasks is published. */
    public Uni<Void> pin(UUID workflowId, int version, String definitionJson) {
        return values.setex(WorkflowKeys.definition(workflowId, version), REDIS_TTL_SECONDS, definitionJson);
    }

    public Uni<WorkflowDefinition> get(SqlConnection conn, UUID workflowId, int version) {
        String key = workflowId + ":" + version;
        WorkflowDefinition cached = parsed.get(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return StoredVersions.parsed(conn, workflowId, version).invoke(definition -> {
            if (parsed.size() >= MAX_ENTRIES) {
                parsed.clear();
            }
            parsed.put(key, definition);
        });
    }
}
