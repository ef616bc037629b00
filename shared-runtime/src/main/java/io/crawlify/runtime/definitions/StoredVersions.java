package io.crawlify.runtime.definitions;

import java.util.UUID;

import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.model.workflow.WorkflowDefinition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Workflow versions as stored in PostgreSQL, read the one way both services read them (the orchestrator inside its
 * scheduling transaction, workers when the Redis copy expired). A stored version never changes.
 */
public final class StoredVersions {

    private StoredVersions() {
    }

    /** The version's definition as stored JSON; fails when there is no such version. */
    public static Uni<String> json(SqlClient client, UUID workflowId, int version) {
        return client.preparedQuery(
                "select definition::text as d from workflow_versions where workflow_id = $1 and version = $2")
                .execute(Tuple.of(workflowId, version))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new IllegalStateException("workflow " + workflowId + " v" + version + " not found");
                    }
                    return rows.iterator().next().getString("d");
                });
    }

    public static Uni<WorkflowDefinition> parsed(SqlClient client, UUID workflowId, int version) {
        return json(client, workflowId, version).map(WorkflowParser::readStored);
    }
}
