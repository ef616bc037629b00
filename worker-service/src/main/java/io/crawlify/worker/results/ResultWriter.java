package io.crawlify.worker.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.phase.NodeContext;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a task's run record, its items and its artifacts in one statement. Idempotent: items are keyed by (task id, index), so
 * a redelivered task never duplicates them; the run record keeps the latest attempt.
 */
@ApplicationScoped
public class ResultWriter {

    private static final String WRITE = """
            with run as (
              insert into task_runs (task_id, execution_id, step_id, phase_id, url, depth, marker, status,
                                     http_status, bytes, items, links, attempt, duration_ms, error_kind, error,
                                     renderer, artifacts, finished_at)
              values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $20::text::jsonb, now())
              on conflict (task_id) do update set status = excluded.status, http_status = excluded.http_status,
                bytes = excluded.bytes, items = excluded.items, links = excluded.links, attempt = excluded.attempt,
                duration_ms = excluded.duration_ms, error_kind = excluded.error_kind, error = excluded.error,
                renderer = excluded.renderer, artifacts = excluded.artifacts, finished_at = excluded.finished_at
            ), files as (
              insert into artifacts (id, execution_id, task_id, name, content_type, size_bytes, data)
              select a.id, $2, $1, a.name, a.content_type, length(a.data), a.data
              from unnest($21::uuid[], $22::text[], $23::text[], $24::bytea[]) as a(id, name, content_type, data)
              on conflict (id) do update set data = excluded.data, size_bytes = excluded.size_bytes
            )
            insert into items (execution_id, task_id, idx, step_id, phase, url, data)
            select $2, $1, i.idx, $3, $4, $5, i.data::jsonb from unnest($18::int[], $19::text[]) as i(idx, data)
            on conflict (task_id, idx) do nothing
            """;

    private final Pool pool;
    private final ObjectMapper mapper;
    private final String apiBasePath;

    public ResultWriter(Pool pool, ObjectMapper mapper, WorkerConfig config) {
        this.pool = pool;
        this.mapper = mapper;
        this.apiBasePath = config.apiBasePath();
    }

    /**
     * A failed write is tried again a few times before the task is nacked; the statement is an upsert keyed by task
     * id, item index and artifact id, so a write that landed before it failed is harmlessly repeated. Not timed by an
     * interceptor: this runs once per page, and a timer per call measurably slowed the shop bench.
     */
    @AsynchronousNonBlocking
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    public Uni<Void> write(PageRecord record) {
        var task = record.task();
        Integer[] indexes = new Integer[record.items().size()];
        String[] data = new String[record.items().size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = i;
            data[i] = record.items().get(i).toString();
        }
        List<Object> values = new ArrayList<>(Arrays.asList(task.taskId(), task.executionId(), task.stepId(),
                task.phaseId(), task.url(), task.depth(), task.marker(), record.status(), record.httpStatus(),
                record.bytes(), record.items().size(), record.links(), record.attempt(), record.durationMs(),
                record.errorKind(), truncate(record.error()), record.renderer(), indexes, data));
        List<NodeContext.Artifact> artifacts = record.artifacts();
        ArrayNode listed = mapper.createArrayNode();
        UUID[] ids = new UUID[artifacts.size()];
        String[] names = new String[artifacts.size()];
        String[] types = new String[artifacts.size()];
        Buffer[] contents = new Buffer[artifacts.size()];
        for (int i = 0; i < ids.length; i++) {
            NodeContext.Artifact artifact = artifacts.get(i);
            ids[i] = artifact.id();
            names[i] = artifact.name();
            types[i] = artifact.contentType();
            contents[i] = Buffer.buffer(artifact.data());
            listed.addObject().put("id", artifact.id().toString()).put("name", artifact.name())
                    .put("contentType", artifact.contentType()).put("bytes", artifact.data().length)
                    .put("path", artifact.path(apiBasePath, task.executionId()));
        }
        values.addAll(Arrays.asList(listed.toString(), ids, names, types, contents));
        return pool.preparedQuery(WRITE).execute(Tuple.from(values)).replaceWithVoid();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
