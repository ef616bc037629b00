package io.crawlify.worker.definitions;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.workflow.WorkflowDefinition;
import io.crawlify.model.workflow.WorkflowKeys;
import io.crawlify.runtime.definitions.StoredVersions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Stored workflow versions. Versions are immutable, so a definition is loaded once per worker: from the Redis copy
 * the orchestrator writes, or from PostgreSQL when Redis lost it.
 */
@ApplicationScoped
public class WorkflowDefinitions {

    private static final int MAX_CACHED = 1_000;

    private final ReactiveValueCommands<String, String> values;
    private final Pool pool;
    private final Map<String, Uni<WorkflowDefinition>> definitions = new ConcurrentHashMap<>();

    public WorkflowDefinitions(ReactiveRedisDataSource redis, Pool pool) {
        this.values = redis.value(String.class);
        this.pool = pool;
    }

    /** A step of a stored workflow version. */
    public Uni<StepDefinition> step(UUID workflowId, int version, String stepId) {
        if (definitions.size() > MAX_CACHED) {
            definitions.clear();
        }
        return definitions.computeIfAbsent(workflowId + ":" + version,
                key -> values.get(WorkflowKeys.definition(workflowId, version))
                        .onItem().ifNull().switchTo(() -> StoredVersions.json(pool, workflowId, version))
                        .map(WorkflowParser::readStored)
                        .memoize().indefinitely()
                        .onFailure().invoke(() -> definitions.remove(key)))
                .map(definition -> definition.step(stepId));
    }
}
