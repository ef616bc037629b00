package io.crawlify.orchestrator.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.workflow.WorkflowDefinition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL of step runs and their attempts; every method runs on the caller's connection (its transaction). */
@ApplicationScoped
public class StepRunStore {

    /** The execution row the scheduler locks while it decides. */
    public record LockedExecution(UUID id, UUID workflowId, int workflowVersion, String status, String triggerType,
            JsonNode input, Instant startedAt) {
    }

    /** A failed or succeeded attempt as reported. */
    public record Attempt(String stepId, int attempt, String status, Instant startedAt, Instant finishedAt,
            long durationMs, String errorKind, String error, Integer httpStatus) {
    }

    private final ObjectMapper json;

    public StepRunStore(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> create(SqlConnection conn, UUID executionId, WorkflowDefinition definition) {
        List<Tuple> rows = new ArrayList<>();
        for (StepDefinition step : definition.steps()) {
            rows.add(Tuple.of(executionId, step.id(), step.type()));
        }
        return conn.preparedQuery("insert into step_runs (execution_id, step_id, type, status) values ($1, $2, $3, 'pending')")
                .executeBatch(rows).replaceWithVoid();
    }

    /** Locks the execution row: one scheduler decides for an execution at a time, across instances. */
    public Uni<LockedExecution> lock(SqlConnection conn, UUID executionId) {
        return conn.preparedQuery("""
                select id, workflow_id, workflow_version, status, trigger_type, input::text as input, started_at
                from executions where id = $1 for update""")
                .execute(Tuple.of(executionId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new LockedExecution(row.getUUID("id"), row.getUUID("workflow_id"),
                            row.getInteger("workflow_version"), row.getString("status"), row.getString("trigger_type"),
                            readTree(row.getString("input")), instant(row.getOffsetDateTime("started_at")));
                });
    }

    public Uni<Map<String, StepRunState>> runs(SqlConnection conn, UUID executionId) {
        return conn.preparedQuery("""
                select step_id, status, attempt, due_at, started_at, output::text as output, error
                from step_runs where execution_id = $1""")
                .execute(Tuple.of(executionId))
                .map(rows -> {
                    Map<String, StepRunState> runs = new LinkedHashMap<>();
                    for (Row row : rows) {
                        runs.put(row.getString("step_id"), new StepRunState(row.getString("step_id"),
                                row.getString("status"), row.getInteger("attempt"),
                                instant(row.getOffsetDateTime("due_at")), instant(row.getOffsetDateTime("started_at")),
                                readTree(row.getString("output")), row.getString("error")));
                    }
                    return runs;
                });
    }

    public Uni<Void> skip(SqlConnection conn, UUID executionId, String stepId, String reason) {
        return conn.preparedQuery("""
                update step_runs set status = 'skipped', error = $3, finished_at = now()
                where execution_id = $1 and step_id = $2 and status = 'pending'""")
                .execute(Tuple.of(executionId, stepId, reason)).replaceWithVoid();
    }

    /** Starts the next attempt of a pending step; returns its number, or null when another scheduler took it. */
    public Uni<Integer> claim(SqlConnection conn, UUID executionId, String stepId) {
        return conn.preparedQuery("""
                update step_runs set status = 'running', attempt = attempt + 1, started_at = now(), due_at = null,
                                     finished_at = null
                where execution_id = $1 and step_id = $2 and status = 'pending' returning attempt""")
                .execute(Tuple.of(executionId, stepId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger("attempt") : null);
    }

    /** A step's attempt in progress. */
    public record Running(int attempt, Instant startedAt) {
    }

    /** The running attempt, locked; null when the step is not running. */
    public Uni<Running> runningAttempt(SqlConnection conn, UUID executionId, String stepId) {
        return conn.preparedQuery("""
                select attempt, started_at from step_runs
                where execution_id = $1 and step_id = $2 and status = 'running' for update""")
                .execute(Tuple.of(executionId, stepId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Running(row.getInteger("attempt"), instant(row.getOffsetDateTime("started_at")));
                });
    }

    public Uni<Void> recordAttempt(SqlConnection conn, UUID executionId, Attempt a) {
        return conn.preparedQuery("""
                insert into step_attempts (execution_id, step_id, attempt, status, started_at, finished_at,
                                           duration_ms, error_kind, error, http_status)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                on conflict (execution_id, step_id, attempt) do nothing""")
                .execute(Tuple.from(new Object[] { executionId, a.stepId(), a.attempt(), a.status(),
                        offset(a.startedAt()), offset(a.finishedAt()), a.durationMs(), a.errorKind(), a.error(),
                        a.httpStatus() }))
                .replaceWithVoid();
    }

    public Uni<Void> succeed(SqlConnection conn, UUID executionId, String stepId, JsonNode output, String logs) {
        return conn.preparedQuery("""
                update step_runs set status = 'succeeded', output = $3::text::jsonb, logs = $4, error_kind = null,
                                     error = null, http_status = null, finished_at = now()
                where execution_id = $1 and step_id = $2""")
                .execute(Tuple.of(executionId, stepId, text(output), logs)).replaceWithVoid();
    }

    /** Ends a step as failed, or puts it back to pending until {@code retryAt} when it will be tried again. */
    public Uni<Void> fail(SqlConnection conn, UUID executionId, Attempt attempt, JsonNode output, String logs,
            Instant retryAt) {
        return conn.preparedQuery("""
                update step_runs set status = $3, due_at = $4, output = $5::text::jsonb, logs = $6, error_kind = $7,
                                     error = $8, http_status = $9, finished_at = case when $3 = 'failed' then now() end
                where execution_id = $1 and step_id = $2""")
                .execute(Tuple.from(new Object[] { executionId, attempt.stepId(),
                        retryAt == null ? StepStatus.FAILED : StepStatus.PENDING, offset(retryAt), text(output), logs,
                        attempt.errorKind(), attempt.error(), attempt.httpStatus() }))
                .replaceWithVoid();
    }

    public Uni<Void> cancelUnfinished(SqlConnection conn, UUID executionId) {
        return conn.preparedQuery("""
                update step_runs set status = 'cancelled', due_at = null, finished_at = now()
                where execution_id = $1 and status in ('pending', 'running')""")
                .execute(Tuple.of(executionId)).replaceWithVoid();
    }

    /** Ends the execution if it is still active; returns whether this call ended it. */
    public Uni<Boolean> finish(SqlConnection conn, UUID executionId, String status, String error) {
        return conn.preparedQuery("""
                update executions set status = $2, error = $3, finished_at = now()
                where id = $1 and status in ('pending', 'running')""")
                .execute(Tuple.of(executionId, status, error))
                .map(rows -> rows.rowCount() > 0);
    }

    private String text(JsonNode node) {
        return node == null || node.isMissingNode() ? null : node.toString();
    }

    private JsonNode readTree(String value) {
        try {
            return value == null ? null : json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in the database", e);
        }
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime offset(Instant time) {
        return time == null ? null : time.atOffset(ZoneOffset.UTC);
    }
}
