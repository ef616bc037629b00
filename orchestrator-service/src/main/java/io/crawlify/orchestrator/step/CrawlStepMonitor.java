package io.crawlify.orchestrator.step;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.execution.ExecutionStats;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Watches an execution's running crawl step through its frontier counters: once every page task finished it ends
 * the step (failed when page failures crossed its threshold), handing the item count — and the items, when few —
 * to later steps. Then it advances the DAG, which also serves as the periodic safety net for lost timers.
 */
@ApplicationScoped
public class CrawlStepMonitor {

    private record RunningCrawl(String stepId, UUID workflowId, int version) {
    }

    private final Pool pool;
    private final StepScheduler scheduler;
    private final PinnedDefinitions definitions;
    private final ObjectMapper json;
    private final int inlineItems;

    public CrawlStepMonitor(Pool pool, StepScheduler scheduler, PinnedDefinitions definitions, ObjectMapper json,
            OrchestratorConfig config) {
        this.pool = pool;
        this.scheduler = scheduler;
        this.definitions = definitions;
        this.json = json;
        this.inlineItems = config.steps().inlineItems();
    }

    /** Returns the counters while a crawl step is still running (for stall detection), empty otherwise. */
    public Uni<Optional<ExecutionStats>> check(UUID executionId, ExecutionStats stats) {
        return runningCrawl(executionId).chain(crawl -> {
            if (crawl.isEmpty()) {
                return scheduler.advance(executionId).replaceWith(Optional.<ExecutionStats>empty());
            }
            if (!stats.drained()) {
                return scheduler.advance(executionId).replaceWith(Optional.of(stats));
            }
            return threshold(crawl.get()).chain(threshold -> {
                boolean failed = threshold.crossedBy(stats.tasksCompleted(), stats.tasksFailed());
                return output(executionId, stats).chain(output -> scheduler.endCrawl(executionId,
                        crawl.get().stepId(), !failed, output, failed ? stats.tasksFailed() + " of "
                                + stats.tasksEnqueued() + " page(s) failed, crossing the failure threshold" : null));
            }).replaceWith(Optional.<ExecutionStats>empty());
        });
    }

    /** Fails a crawl whose page tasks stopped finishing. */
    public Uni<Void> stalled(UUID executionId, ExecutionStats stats, Duration timeout) {
        return runningCrawl(executionId).chain(crawl -> crawl.isEmpty() ? Uni.createFrom().voidItem()
                : output(executionId, stats).chain(output -> scheduler.endCrawl(executionId, crawl.get().stepId(),
                        false, output, "stalled: " + stats.remaining() + " task(s) made no progress for " + timeout)));
    }

    private Uni<Optional<RunningCrawl>> runningCrawl(UUID executionId) {
        return pool.preparedQuery("""
                select r.step_id, e.workflow_id, e.workflow_version from step_runs r
                join executions e on e.id = r.execution_id
                where r.execution_id = $1 and r.type = 'crawl' and r.status = 'running'""")
                .execute(Tuple.of(executionId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new RunningCrawl(row.getString("step_id"), row.getUUID("workflow_id"),
                            row.getInteger("workflow_version")));
                });
    }

    private Uni<io.crawlify.model.crawl.FailureThreshold> threshold(RunningCrawl crawl) {
        return pool.withConnection(conn -> definitions.get(conn, crawl.workflowId(), crawl.version()))
                .map(definition -> WorkflowParser.config(definition.step(crawl.stepId()), CrawlConfig.class)
                        .failureThreshold());
    }

    private Uni<ObjectNode> output(UUID executionId, ExecutionStats stats) {
        ObjectNode output = CrawlOutputs.of(executionId, stats);
        if (stats.itemsExtracted() > inlineItems) {
            return Uni.createFrom().item(output);
        }
        return pool.preparedQuery("select data::text as data from items where execution_id = $1 order by seq limit $2")
                .execute(Tuple.of(executionId, inlineItems + 1))
                .map(rows -> {
                    ArrayNode items = output.putArray("items");
                    for (Row row : rows) {
                        try {
                            items.add(json.readTree(row.getString("data")));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException("unreadable item of " + executionId, e);
                        }
                    }
                    if (items.size() > inlineItems) {
                        output.remove("items");
                    }
                    return output;
                });
    }
}
