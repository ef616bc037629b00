package io.crawlify.orchestrator.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads an execution's items, which workers write straight to PostgreSQL. Exports stream in keyset-paged
 * batches, so memory stays flat however many items there are.
 */
@ApplicationScoped
public class ItemStore {

    private static final int BATCH = 1000;

    /** A page of items and how many there are in all. */
    public record ItemPage(List<ItemResponse> items, int offset, int limit, long total) {
    }

    private final Pool pool;
    private final ObjectMapper json;

    public ItemStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** A page of the execution's items, of one step's when {@code stepId} is given. */
    public Uni<ItemPage> page(UUID executionId, String stepId, int offset, int limit) {
        Uni<List<ItemResponse>> items = pool.preparedQuery("""
                select seq, url, phase, data::text as data from items
                where execution_id = $1 and ($4::text is null or step_id = $4) order by seq offset $2 limit $3""")
                .execute(Tuple.of(executionId, offset, limit, stepId))
                .map(rows -> {
                    List<ItemResponse> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toItem(row)));
                    return list;
                });
        Uni<Long> total = pool.preparedQuery(
                "select count(*) from items where execution_id = $1 and ($2::text is null or step_id = $2)")
                .execute(Tuple.of(executionId, stepId)).map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(items, total).with((i, t) -> new ItemPage(i, offset, limit, t));
    }

    public Multi<ItemResponse> stream(UUID executionId, String stepId) {
        return batches(executionId, stepId).onItem().transformToIterable(rows -> rows.stream().map(this::toItem).toList());
    }

    /** Field names across the execution's items, for a CSV header. */
    public Uni<List<String>> fieldNames(UUID executionId, String stepId) {
        return pool.preparedQuery("""
                select distinct k from items, jsonb_object_keys(case jsonb_typeof(data) when 'object' then data
                else '{}'::jsonb end) as k where execution_id = $1 and ($2::text is null or step_id = $2)
                order by k""")
                .execute(Tuple.of(executionId, stepId))
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(row -> names.add(row.getString(0)));
                    return names;
                });
    }

    private Multi<List<Row>> batches(UUID executionId, String stepId) {
        AtomicLong after = new AtomicLong(0);
        return Multi.createBy().repeating()
                .uni(() -> pool.preparedQuery("""
                        select seq, url, phase, data::text as data from items
                        where execution_id = $1 and seq > $2 and ($4::text is null or step_id = $4)
                        order by seq limit $3""")
                        .execute(Tuple.of(executionId, after.get(), BATCH, stepId))
                        .map(rows -> {
                            List<Row> list = new ArrayList<>(rows.size());
                            rows.forEach(list::add);
                            if (!list.isEmpty()) {
                                after.set(list.get(list.size() - 1).getLong("seq"));
                            }
                            return list;
                        }))
                .whilst(list -> list.size() == BATCH);
    }

    private ItemResponse toItem(Row row) {
        try {
            return new ItemResponse(row.getString("url"), row.getString("phase"),
                    json.readTree(row.getString("data")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored item is not JSON", e);
        }
    }
}
