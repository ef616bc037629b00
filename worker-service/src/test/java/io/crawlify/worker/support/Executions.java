package io.crawlify.worker.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.frontier.ExecutionKeys;
import io.crawlify.model.frontier.FrontierKeys;
import io.crawlify.model.frontier.FrontierScripts;
import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.Messages;
import io.crawlify.model.url.UrlNormalizer;
import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.workflow.WorkflowKeys;
import io.vertx.redis.client.Response;

/**
 * Starts executions the way the orchestrator does (rows in PostgreSQL, the definition in Redis, the seeds admitted
 * into the frontier and published as tasks), and waits for the worker to drain their frontier.
 */
public final class Executions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Executions() {
    }

    /** Validates the one-step crawl workflow, stores it and starts an execution of it; returns the execution id. */
    public static UUID start(Backends backends, String workflowJson) throws Exception {
        var definition = WorkflowParser.parse(JSON.readTree(workflowJson));
        StepDefinition step = definition.steps().get(0);
        CrawlConfig crawl = WorkflowParser.config(step, CrawlConfig.class);
        UUID workflowId = UUID.randomUUID();
        UUID executionId = UUID.randomUUID();
        Backends.sql("insert into workflows (id, name, current_version) values (?, ?, 1)", workflowId, definition.name());
        Backends.sql("insert into workflow_versions (id, workflow_id, version, definition) values (?, ?, 1, ?::jsonb)",
                UUID.randomUUID(), workflowId, workflowJson);
        Backends.sql("insert into executions (id, workflow_id, workflow_version, status, started_at) "
                + "values (?, ?, 1, 'running', now())", executionId, workflowId);
        backends.redis("SET", List.of(WorkflowKeys.definition(workflowId, 1), workflowJson));

        FrontierKeys keys = FrontierKeys.of(executionId, step.id());
        List<String> args = new ArrayList<>(List.of(FrontierScripts.ADMIT, "4", keys.seen(), keys.stats(),
                keys.execution().cancelled(), keys.execution().stats(), "", Integer.toString(crawl.maxPages())));
        crawl.startUrls().stream().map(UrlNormalizer::normalize).flatMap(java.util.Optional::stream).forEach(args::add);
        for (Response url : backends.redis("EVAL", args)) {
            PageTask task = PageTask.of(executionId, workflowId, 1, step.id(), crawl.startPhase(), url.toString(), 0,
                    null, null);
            backends.publish(WorkerEnvironment.TASKS, Messages.encode(task),
                    Map.of("executionId", executionId.toString(), "taskId", task.taskId(), "stepId", task.stepId()));
        }
        return executionId;
    }

    /** Waits until every enqueued task finished (succeeded or failed); returns the frontier's counters. */
    public static Map<String, Long> awaitDrained(Backends backends, UUID executionId, Duration timeout) {
        Map<String, Long> stats = new HashMap<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            stats.clear();
            Response hash = backends.redis("HGETALL", List.of(new ExecutionKeys(executionId).stats()));
            for (String field : hash.getKeys()) {
                stats.put(field, hash.get(field).toLong());
            }
            long enqueued = stats.getOrDefault("enqueued", 0L);
            return enqueued > 0 && stats.getOrDefault("completed", 0L) + stats.getOrDefault("failed", 0L) == enqueued;
        });
        return stats;
    }
}
