package io.crawlify.orchestrator.execution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.message.PageTask;
import io.crawlify.orchestrator.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the per-page task records and the artifacts (screenshots) that workers store with them. */
@ApplicationScoped
public class TaskRunStore {

    /** One page's run as the API shows it; {@code renderer} is the one that served it (http or browser). */
    public record TaskRun(String taskId, String url, String phaseId, int depth, String marker, String status,
            Integer httpStatus, String renderer, int attempt, Long durationMs, String errorKind, String error,
            int items, int links, long bytes, JsonNode artifacts, Instant finishedAt) {
    }

    /** A page of task runs and how many match in all. */
    public record TaskRunPage(List<TaskRun> items, int offset, int limit, long total) {
    }

    /** A stored file. */
    public record Artifact(String name, String contentType, byte[] data) {
    }

    private final Pool pool;
    private final ObjectMapper json;

    public TaskRunStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Task runs in the order they finished; {@code status} (succeeded or failed) filters when given. */
    /** Records a page task that crashed its worker on every delivery as failed for good. */
    public Uni<Void> recordDeadLetter(PageTask task, int deliveries) {
        return pool.preparedQuery("""
                insert into task_runs (task_id, execution_id, step_id, phase_id, url, depth, marker, status,
                                       attempt, error_kind, error)
                select $1, $2, $3, $4, $5, $6, $7, 'failed', $8, 'dead_letter', $9
                where exists (select 1 from executions where id = $2)
                on conflict (task_id) do update set status = 'failed', error_kind = 'dead_letter',
                  error = excluded.error, finished_at = now()""")
                .execute(Tuple.from(List.of(task.taskId(), task.executionId(), task.stepId(),
                        String.valueOf(task.phaseId()), task.url(), task.depth(), String.valueOf(task.marker()),
                        deliveries, "the task crashed its worker on every delivery and was dead-lettered")))
                .replaceWithVoid();
    }

    public Uni<TaskRunPage> page(UUID executionId, String status, int offset, int limit) {
        Uni<List<TaskRun>> runs = pool.preparedQuery("""
                select task_id, url, phase_id, depth, marker, status, http_status, renderer, attempt, duration_ms,
                       error_kind, error, items, links, bytes, artifacts::text as artifacts, finished_at
                from task_runs where execution_id = $1 and ($2::text is null or status = $2)
                order by finished_at, task_id offset $3 limit $4""")
                .execute(Tuple.of(executionId, status, offset, limit))
                .map(rows -> {
                    List<TaskRun> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toRun(row)));
                    return list;
                });
        Uni<Long> total = pool.preparedQuery(
                "select count(*) from task_runs where execution_id = $1 and ($2::text is null or status = $2)")
                .execute(Tuple.of(executionId, status)).map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(runs, total).with((r, t) -> new TaskRunPage(r, offset, limit, t));
    }

    public Uni<Artifact> artifact(UUID executionId, UUID artifactId) {
        return pool.preparedQuery("select name, content_type, data from artifacts where id = $1 and execution_id = $2")
                .execute(Tuple.of(artifactId, executionId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw ApiException.notFound("artifact", artifactId.toString());
                    }
                    Row row = it.next();
                    return new Artifact(row.getString("name"), row.getString("content_type"),
                            row.getBuffer("data").getBytes());
                });
    }

    private TaskRun toRun(Row row) {
        return new TaskRun(row.getString("task_id"), row.getString("url"), row.getString("phase_id"),
                row.getInteger("depth"), row.getString("marker"), row.getString("status"),
                row.getInteger("http_status"), row.getString("renderer"), row.getInteger("attempt"),
                row.getLong("duration_ms"), row.getString("error_kind"), row.getString("error"),
                row.getInteger("items"), row.getInteger("links"), row.getLong("bytes"),
                parse(row.getString("artifacts")), row.getOffsetDateTime("finished_at").toInstant());
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("artifacts column is not JSON", e);
        }
    }
}
