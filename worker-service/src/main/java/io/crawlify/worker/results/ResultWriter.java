package io.crawlify.worker.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a task's run record and its items in one statement. Idempotent: items are keyed by (task id, index), so
 * a redelivered task never duplicates them; the run record keeps the latest attempt.
 */
@ApplicationScoped
public class ResultWriter {

    private static final String WRITE = """
            with run as (
              insert into task_runs (task_id, execution_id, step_id, phase_id, url, depth, marker, status,
                                     http_status, bytes, items, links, attempt, duration_ms, error_kind, error,
                                     renderer, finished_at)
              values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, now())
              on conflict (task_id) do update set status = excluded.status, http_status = excluded.http_status,
                bytes = excluded.bytes, items = excluded.items, links = excluded.links, attempt = excluded.attempt,
                duration_ms = excluded.duration_ms, error_kind = excluded.error_kind, error = excluded.error,
                renderer = excluded.renderer, finished_at = excluded.finished_at
            )
            insert into items (execution_id, task_id, idx, step_id, phase, url, data)
            select $2, $1, i.idx, $3, $4, $5, i.data::jsonb from unnest($18::int[], $19::text[]) as i(idx, data)
            on conflict (task_id, idx) do nothing
            """;

    private final Pool pool;

    public ResultWriter(Pool pool) {
        this.pool = pool;
    }

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
        return pool.preparedQuery(WRITE).execute(Tuple.from(values)).replaceWithVoid();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
