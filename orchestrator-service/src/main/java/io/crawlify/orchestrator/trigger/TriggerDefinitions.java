package io.crawlify.orchestrator.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.crawlify.model.trigger.TriggerSpec;
import io.crawlify.model.trigger.WebhookTrigger;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads triggers from the current versions of workflows in PostgreSQL, the one source every instance agrees on. */
@ApplicationScoped
public class TriggerDefinitions {

    /** A live workflow's webhook trigger and the workflow's status (active, paused, ...). */
    public record Webhook(UUID workflowId, String status, WebhookTrigger trigger) {
    }

    private static final String CURRENT = """
            from workflows w
            join workflow_versions v on v.workflow_id = w.id and v.version = w.current_version
            where w.deleted_at is null and jsonb_typeof(v.definition->'triggers') = 'array'
              and v.definition->'triggers' <> '[]'::jsonb""";

    private final Pool pool;
    private final ObjectReader triggers;

    public TriggerDefinitions(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.triggers = json.readerForListOf(TriggerSpec.class);
    }

    /** Every trigger of every active workflow. */
    public Uni<List<WorkflowTrigger>> active() {
        return pool.query("select w.id, (v.definition->'triggers')::text as triggers " + CURRENT
                + " and w.status = 'active'").execute()
                .map(rows -> {
                    List<WorkflowTrigger> all = new ArrayList<>();
                    rows.forEach(row -> {
                        List<TriggerSpec> specs = read(row);
                        for (int i = 0; i < specs.size(); i++) {
                            all.add(new WorkflowTrigger(row.getUUID("id"), i, specs.get(i)));
                        }
                    });
                    return all;
                });
    }

    /** The webhook trigger of a live workflow, whatever its status; empty if it has none or does not exist. */
    public Uni<Optional<Webhook>> webhook(UUID workflowId) {
        return pool.preparedQuery("select w.id, w.status, (v.definition->'triggers')::text as triggers " + CURRENT
                + " and w.id = $1").execute(Tuple.of(workflowId))
                .map(rows -> {
                    for (Row row : rows) {
                        for (TriggerSpec spec : read(row)) {
                            if (spec instanceof WebhookTrigger webhook) {
                                return Optional.of(new Webhook(workflowId, row.getString("status"), webhook));
                            }
                        }
                    }
                    return Optional.empty();
                });
    }

    private List<TriggerSpec> read(Row row) {
        try {
            return triggers.readValue(row.getString("triggers"));
        } catch (java.io.IOException e) {
            // Validated when stored; a version written by a newer release may hold types this one does not know.
            Log.warnf("workflow %s: triggers unreadable, ignored: %s", row.getUUID("id"), e.getMessage());
            return List.of();
        }
    }
}
