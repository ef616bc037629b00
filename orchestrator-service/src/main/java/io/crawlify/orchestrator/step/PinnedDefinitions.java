package io.crawlify.orchestrator.step;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.model.workflow.WorkflowDefinition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Parsed workflow versions, kept in memory: a stored version never changes, so the cache never goes stale. */
@ApplicationScoped
public class PinnedDefinitions {

    private static final int MAX_ENTRIES = 1_000;

    private final Map<String, WorkflowDefinition> parsed = new ConcurrentHashMap<>();

    public Uni<WorkflowDefinition> get(SqlConnection conn, UUID workflowId, int version) {
        String key = workflowId + ":" + version;
        WorkflowDefinition cached = parsed.get(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return conn.preparedQuery("select definition::text as definition from workflow_versions where workflow_id = $1 and version = $2")
                .execute(Tuple.of(workflowId, version))
                .map(rows -> {
                    WorkflowDefinition definition = WorkflowParser.readStored(rows.iterator().next().getString("definition"));
                    if (parsed.size() >= MAX_ENTRIES) {
                        parsed.clear();
                    }
                    parsed.put(key, definition);
                    return definition;
                });
    }
}
