package io.crawlify.orchestrator.step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.expression.ExpressionException;
import io.crawlify.model.expression.Templates;
import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.StepTask;
import io.crawlify.model.url.UrlNormalizer;
import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.workflow.WorkflowDefinition;
import io.crawlify.orchestrator.execution.ExecutionCounters;
import io.crawlify.orchestrator.pubsub.TaskPublisher;
import io.crawlify.orchestrator.step.StepRunStore.LockedExecution;
import io.smallrye.mutiny.Uni;

/**
 * Hands a claimed step attempt to the workers: a crawl step admits its start URLs to the execution's frontier and
 * publishes them as page tasks; any other step is published as one {@link StepTask} carrying the context its
 * templates see.
 */
@ApplicationScoped
public class StepDispatcher {

    /**
     * What dispatching did: a crawl with no start URL left to crawl is already over; one whose start URLs do not
     * render has failed.
     */
    public record Dispatched(Outcome outcome, String error) {
        static final Dispatched PUBLISHED = new Dispatched(Outcome.PUBLISHED, null);
        static final Dispatched NOTHING_TO_CRAWL = new Dispatched(Outcome.NOTHING_TO_CRAWL, null);
    }

    public enum Outcome { PUBLISHED, NOTHING_TO_CRAWL, INVALID }

    private final TaskPublisher publisher;
    private final ExecutionCounters counters;
    private final ObjectMapper json;

    public StepDispatcher(TaskPublisher publisher, ExecutionCounters counters, ObjectMapper json) {
        this.publisher = publisher;
        this.counters = counters;
        this.json = json;
    }

    public Uni<Dispatched> dispatch(LockedExecution execution, WorkflowDefinition definition, StepDefinition step,
            int attempt, Map<String, StepRunState> runs) {
        JsonNode context = context(execution, definition, step, runs);
        if (DagPlan.isCrawl(step)) {
            return crawl(execution, step, context);
        }
        return publisher.publish(StepTask.of(execution.id(), execution.workflowId(), execution.workflowVersion(),
                step.id(), attempt, context)).replaceWith(Dispatched.PUBLISHED);
    }

    private Uni<Dispatched> crawl(LockedExecution execution, StepDefinition step, JsonNode context) {
        CrawlConfig crawl = WorkflowParser.config(step, CrawlConfig.class);
        List<String> rendered;
        try {
            rendered = startUrls(crawl, context);
        } catch (ExpressionException e) {
            return Uni.createFrom().item(new Dispatched(Outcome.INVALID, "startUrls: " + e.getMessage()));
        }
        List<String> seeds = rendered.stream()
                .map(UrlNormalizer::normalize).flatMap(java.util.Optional::stream).distinct().toList();
        return counters.admitSeeds(execution.id(), step.id(), crawl.maxPages(), seeds)
                .chain(admitted -> {
                    if (admitted.isEmpty()) {
                        // Nothing new: either every seed was admitted by an earlier try of this dispatch (its pages
                        // are in flight) or there is nothing to crawl.
                        return counters.stats(execution.id()).map(stats -> stats.tasksEnqueued() == 0
                                ? Dispatched.NOTHING_TO_CRAWL : Dispatched.PUBLISHED);
                    }
                    List<PageTask> tasks = new ArrayList<>();
                    for (String url : admitted) {
                        tasks.add(PageTask.of(execution.id(), execution.workflowId(), execution.workflowVersion(),
                                step.id(), crawl.startPhase(), url, 0, null, null));
                    }
                    return publisher.publish(tasks).replaceWith(Dispatched.PUBLISHED);
                });
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

    /** {@code input}, {@code execution} and {@code steps.<id>.output} of every step this one depends on, transitively. */
    JsonNode context(LockedExecution execution, WorkflowDefinition definition, StepDefinition step,
            Map<String, StepRunState> runs) {
        ObjectNode context = json.createObjectNode();
        context.set("input", execution.input() == null ? json.createObjectNode() : execution.input());
        ObjectNode about = context.putObject("execution");
        about.put("id", execution.id().toString());
        about.put("workflowId", execution.workflowId().toString());
        about.put("workflowVersion", execution.workflowVersion());
        about.put("trigger", execution.triggerType());
        about.put("startedAt", execution.startedAt() == null ? null : execution.startedAt().toString());
        ObjectNode steps = context.putObject("steps");
        for (String ancestor : ancestors(definition, step)) {
            StepRunState run = runs.get(ancestor);
            ObjectNode entry = steps.putObject(ancestor);
            entry.put("status", run.status());
            entry.set("output", run.output() == null ? json.nullNode() : run.output());
        }
        return context;
    }

    static Set<String> ancestors(WorkflowDefinition definition, StepDefinition step) {
        Set<String> seen = new HashSet<>();
        Deque<String> unvisited = new ArrayDeque<>(step.dependsOn());
        while (!unvisited.isEmpty()) {
            String id = unvisited.pop();
            if (seen.add(id)) {
                unvisited.addAll(definition.step(id).dependsOn());
            }
        }
        return seen;
    }
}
