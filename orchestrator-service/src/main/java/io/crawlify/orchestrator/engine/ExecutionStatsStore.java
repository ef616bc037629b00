package io.crawlify.orchestrator.engine;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Copies an execution's live counters into its row. A targeted update, not an entity flush: a flush writes every
 * column and could put back the status the scheduler changed meanwhile.
 */
@ApplicationScoped
public class ExecutionStatsStore {

    private final Pool pool;
    private final ExecutionCounters counters;

    public ExecutionStatsStore(Pool pool, ExecutionCounters counters) {
        this.pool = pool;
        this.counters = counters;
    }

    /** Copies the execution's current live counters; returns whether it is still active. */
    public Uni<Boolean> copyLive(UUID id) {
        return counters.stats(id).chain(stats -> copy(id, stats));
    }

    /** The same inside the caller's transaction: what a transaction that ends the execution keeps as final. */
    public Uni<Boolean> copyLive(SqlConnection conn, UUID id) {
        return counters.stats(id).chain(stats -> copy(conn, id, stats));
    }

    /** Returns whether the execution is still active. */
    public Uni<Boolean> copy(UUID id, ExecutionStats stats) {
        return pool.withConnection(conn -> copy(conn, id, stats));
    }

    /** The same, inside the caller's transaction. */
    public Uni<Boolean> copy(SqlConnection conn, UUID id, ExecutionStats stats) {
        return conn.preparedQuery("""
                update executions set tasks_enqueued = $2, tasks_completed = $3, tasks_failed = $4, pages_crawled = $5,
                                      items_extracted = $6, bytes_downloaded = $7, pages_http = $8, pages_browser = $9
                where id = $1 and status in ('pending', 'running')""")
                .execute(Tuple.from(new Object[] { id, stats.tasksEnqueued(), stats.tasksCompleted(),
                        stats.tasksFailed(), stats.pagesCrawled(), stats.itemsExtracted(), stats.bytesDownloaded(),
                        stats.pagesByRenderer().http(), stats.pagesByRenderer().browser() }))
                .map(rows -> rows.rowCount() > 0);
    }
}
