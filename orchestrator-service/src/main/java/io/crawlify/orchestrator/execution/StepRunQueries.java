package io.crawlify.orchestrator.execution;

import io.crawlify.orchestrator.engine.StepRunStore;
import io.crawlify.orchestrator.engine.PinnedDefinitions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.orchestrator.execution.StepRunView.AttemptView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads step runs and their attempts for the API, in the workflow's step order. */
@ApplicationScoped
public class StepRunQueries {

    private final Pool pool;
    private final PinnedDefinitions definitions;
    private final ObjectMapper json;

    public StepRunQueries(Pool pool, PinnedDefinitions definitions, ObjectMapper json) {
        this.pool = pool;
        this.definitions = definitions;
        this.json = json;
    }

    public Uni<List<StepRunView>> list(UUID executionId, UUID workflowId, int version) {
        return pool.withConnection(conn -> definitions.get(conn, workflowId, version)
                .chain(definition -> attempts(conn, executionId).chain(attempts -> conn.preparedQuery("""
                        select step_id, type, status, attempt, due_at, started_at, finished_at, output::text as output,
                               logs, error_kind, error, http_status
                        from step_runs where execution_id = $1""")
                        .execute(Tuple.of(executionId))
                        .map(rows -> {
                            Map<String, Row> byStep = new HashMap<>();
                            rows.forEach(row -> byStep.put(row.getString("step_id"), row));
                            List<StepRunView> views = new ArrayList<>();
                            for (StepDefinition step : definition.steps()) {
                                Row row = byStep.get(step.id());
                                if (row != null) {
                                    views.add(view(step, row, attempts.getOrDefault(step.id(), List.of())));
                                }
                            }
                            return views;
                        }))));
    }

    private Uni<Map<String, List<AttemptView>>> attempts(io.vertx.mutiny.sqlclient.SqlConnection conn,
            UUID executionId) {
        return conn.preparedQuery("""
                select step_id, attempt, status, started_at, finished_at, duration_ms, error_kind, error, http_status
                from step_attempts where execution_id = $1 order by step_id, attempt""")
                .execute(Tuple.of(executionId))
                .map(rows -> {
                    Map<String, List<AttemptView>> byStep = new HashMap<>();
                    for (Row row : rows) {
                        byStep.computeIfAbsent(row.getString("step_id"), k -> new ArrayList<>()).add(new AttemptView(
                                row.getInteger("attempt"), row.getString("status"),
                                StepRunStore.instant(row.getOffsetDateTime("started_at")),
                                StepRunStore.instant(row.getOffsetDateTime("finished_at")), row.getLong("duration_ms"),
                                row.getString("error_kind"), row.getString("error"), row.getInteger("http_status")));
                    }
                    return byStep;
                });
    }

    private StepRunView view(StepDefinition step, Row row, List<AttemptView> attempts) {
        try {
            String output = row.getString("output");
            return new StepRunView(step.id(), step.type(), step.dependsOn(), row.getString("status"),
                    row.getInteger("attempt"), StepRunStore.instant(row.getOffsetDateTime("due_at")),
                    StepRunStore.instant(row.getOffsetDateTime("started_at")),
                    StepRunStore.instant(row.getOffsetDateTime("finished_at")),
                    output == null ? null : json.readTree(output), row.getString("logs"), row.getString("error_kind"),
                    row.getString("error"), row.getInteger("http_status"), attempts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable step output", e);
        }
    }
}
