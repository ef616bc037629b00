package io.crawlify.orchestrator.engine.crawl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.expression.ExpressionException;
import io.crawlify.model.expression.Templates;
import io.crawlify.model.message.PageTask;
import io.crawlify.model.step.StepTypes;
import io.crawlify.model.url.UrlNormalizer;
import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.engine.Dispatched;
import io.crawlify.orchestrator.engine.ExecutionStats;
import io.crawlify.orchestrator.engine.FanOutStep;
import io.crawlify.orchestrator.engine.TaskQueue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The crawl step as a fan-out: it starts by admitting its start URLs to its own frontier and publishing them as
 * page tasks; workers admit what they discover; it ends once every page task finished, failed when page failures
 * crossed its threshold, handing on its counts and, when few, its items.
 */
@ApplicationScoped
public class CrawlFanOut implements FanOutStep {

    private final SeedFrontier frontier;
    private final TaskQueue queue;
    private final Pool pool;
    private final ObjectMapper json;
    private final int inlineItems;

    public CrawlFanOut(SeedFrontier frontier, TaskQueue queue, Pool pool, ObjectMapper json,
            OrchestratorConfig config) {
        this.frontier = frontier;
        this.queue = queue;
        this.pool = pool;
        this.json = json;
        this.inlineItems = config.steps().inlineItems();
    }

    @Override
    public String type() {
        return StepTypes.CRAWL;
    }

    @Override
    public Uni<Dispatched> dispatch(StepRun run, StepDefinition step, JsonNode context) {
        CrawlConfig crawl = WorkflowParser.config(step, CrawlConfig.class);
        List<String> rendered;
        try {
            rendered = startUrls(crawl, context);
        } catch (ExpressionException e) {
            return Uni.createFrom().item(Dispatched.invalid("startUrls: " + e.getMessage()));
        }
        List<String> seeds = rendered.stream()
                .map(UrlNormalizer::normalize).flatMap(Optional::stream).distinct().toList();
        return frontier.admitSeeds(run.executionId(), step.id(), crawl.maxPages(), seeds).chain(admitted -> {
            if (admitted.isEmpty()) {
                // Nothing new: either every seed was admitted by an earlier try of this dispatch (its pages are in
                // flight) or there is nothing to crawl.
                return frontier.stats(run.executionId(), step.id()).map(stats -> stats.tasksEnqueued() == 0
                        ? Dispatched.ended(CrawlOutputs.empty()) : Dispatched.PUBLISHED);
            }
            List<PageTask> tasks = new ArrayList<>(admitted.size());
            for (String url : admitted) {
                tasks.add(PageTask.of(run.executionId(), run.workflowId(), run.workflowVersion(), step.id(),
                        crawl.startPhase(), url, 0, null, null));
            }
            return queue.publishPages(tasks).replaceWith(Dispatched.PUBLISHED);
        });
    }

    @Override
    public Uni<ExecutionStats> progress(UUID executionId, String stepId) {
        return frontier.stats(executionId, stepId);
    }

    @Override
    public Uni<Ending> end(StepRun run, StepDefinition step, ExecutionStats stats, Duration stalledFor) {
        return output(run, stats).map(output -> {
            if (stalledFor != null) {
                return new Ending(false, output, "crawl", "stalled: " + stats.remaining()
                        + " task(s) made no progress for " + stalledFor);
            }
            boolean failed = WorkflowParser.config(step, CrawlConfig.class).failureThreshold()
                    .crossedBy(stats.tasksCompleted(), stats.tasksFailed());
            return failed ? new Ending(false, output, "crawl", stats.tasksFailed() + " of " + stats.tasksEnqueued()
                    + " page(s) failed, crossing the failure threshold") : new Ending(true, output, null, null);
        });
    }

    @Override
    public Uni<Void> expire(UUID executionId, String stepId, Duration retention) {
        return frontier.expire(executionId, stepId, retention);
    }

    /**
     * The crawl's start URLs with their templates rendered: {@code "{{ input.url }}"} is one URL,
     * {@code "{{ steps.search.output.body.links }}"} may be an array of them. What does not render to an absolute
     * URL is dropped (the normaliser refuses it), so a crawl with no valid start URL ends at once with no pages.
     */
    static List<String> startUrls(CrawlConfig crawl, JsonNode context) {
        List<String> urls = new ArrayList<>();
        for (String url : crawl.startUrls()) {
            if (!Templates.isTemplated(url)) {
                urls.add(url);
                continue;
            }
            JsonNode rendered = Templates.render(url, context);
            if (rendered.isArray()) {
                rendered.forEach(u -> urls.add(u.asText()));
            } else if (!rendered.isNull() && !rendered.isMissingNode()) {
                urls.add(rendered.asText());
            }
        }
        return urls;
    }

    private Uni<ObjectNode> output(StepRun run, ExecutionStats stats) {
        ObjectNode output = CrawlOutputs.of(run.executionId(), run.stepId(), stats);
        if (stats.itemsExtracted() > inlineItems) {
            return Uni.createFrom().item(output);
        }
        return pool.preparedQuery("""
                select data::text as data from items where execution_id = $1 and step_id = $2 order by seq limit $3""")
                .execute(Tuple.of(run.executionId(), run.stepId(), inlineItems + 1))
                .map(rows -> {
                    ArrayNode items = output.putArray("items");
                    for (Row row : rows) {
                        try {
                            items.add(json.readTree(row.getString("data")));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException("unreadable item of " + run.executionId(), e);
                        }
                    }
                    if (items.size() > inlineItems) {
                        output.remove("items");
                    }
                    return output;
                });
    }
}
