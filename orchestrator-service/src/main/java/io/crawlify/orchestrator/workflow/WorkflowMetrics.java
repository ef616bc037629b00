package io.crawlify.orchestrator.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.orchestrator.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A workflow's run history in numbers, from PostgreSQL (so every instance answers the same): executions by status,
 * durations of finished ones, and failures by step. Micrometer carries the same as live meters
 * ({@code crawlify.workflow.*}).
 */
@ApplicationScoped
public class WorkflowMetrics {

    public record Durations(long count, Double meanMs, Double p50Ms, Double p95Ms, Double maxMs) {
    }

    public record StepFailures(String stepId, long failedRuns, long failedAttempts) {
    }

    public record Report(UUID workflowId, Map<String, Long> executionsByStatus, long executions, Durations durations,
            List<StepFailures> stepFailures) {
    }

    private final Pool pool;

    public WorkflowMetrics(Pool pool) {
        this.pool = pool;
    }

    public Uni<Report> report(UUID workflowId) {
        return exists(workflowId)
                .chain(() -> Uni.combine().all().unis(byStatus(workflowId), durations(workflowId), failures(workflowId))
                        .with((statuses, durations, failures) -> new Report(workflowId, statuses,
                                statuses.values().stream().mapToLong(Long::longValue).sum(), durations, failures)));
    }

    private Uni<Void> exists(UUID workflowId) {
        return pool.preparedQuery("select 1 from workflows where id = $1 and deleted_at is null")
                .execute(Tuple.of(workflowId))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("workflow", workflowId);
                    }
                }).replaceWithVoid();
    }

    private Uni<Map<String, Long>> byStatus(UUID workflowId) {
        return pool.preparedQuery("select status, count(*) as n from executions where workflow_id = $1 group by status order by status")
                .execute(Tuple.of(workflowId))
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (String status : List.of("pending", "running", "succeeded", "failed", "cancelled")) {
                        counts.put(status, 0L);
                    }
                    rows.forEach(row -> counts.put(row.getString("status"), row.getLong("n")));
                    return counts;
                });
    }

    private Uni<Durations> durations(UUID workflowId) {
        return pool.preparedQuery("""
                with d as (select extract(epoch from (finished_at - started_at)) * 1000 as ms from executions
                           where workflow_id = $1 and finished_at is not null and started_at is not null)
                select count(*) as n, avg(ms) as mean, percentile_cont(0.5) within group (order by ms) as p50,
                       percentile_cont(0.95) within group (order by ms) as p95, max(ms) as max from d""")
                .execute(Tuple.of(workflowId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Durations(row.getLong("n"), number(row, "mean"), number(row, "p50"),
                            number(row, "p95"), number(row, "max"));
                });
    }

    private Uni<List<StepFailures>> failures(UUID workflowId) {
        return pool.preparedQuery("""
                select a.step_id,
                       count(*) filter (where a.status = 'failed') as failed_attempts,
                       (select count(*) from step_runs r join executions e2 on e2.id = r.execution_id
                        where e2.workflow_id = $1 and r.step_id = a.step_id and r.status = 'failed') as failed_runs
                from step_attempts a join executions e on e.id = a.execution_id
                where e.workflow_id = $1 group by a.step_id
                having count(*) filter (where a.status = 'failed') > 0 order by a.step_id""")
                .execute(Tuple.of(workflowId))
                .map(rows -> {
                    List<StepFailures> list = new java.util.ArrayList<>();
                    rows.forEach(row -> list.add(new StepFailures(row.getString("step_id"), row.getLong("failed_runs"),
                            row.getLong("failed_attempts"))));
                    return list;
                });
    }

    private static Double number(Row row, String column) {
        Object value = row.getValue(column);
        return value == null ? null : ((Number) value).doubleValue();
    }
}
