package io.crawlify.worker.page;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.worker.definitions.WorkflowDefinitions;
import io.smallrye.mutiny.Uni;

/** Crawl plans by workflow version and step, prepared once per worker: versions are immutable. */
@ApplicationScoped
public class CrawlPlans {

    private static final int MAX_CACHED = 1_000;

    private final WorkflowDefinitions definitions;
    private final Map<String, Uni<CrawlPlan>> plans = new ConcurrentHashMap<>();

    public CrawlPlans(WorkflowDefinitions definitions) {
        this.definitions = definitions;
    }

    public Uni<CrawlPlan> plan(UUID workflowId, int version, String stepId) {
        if (plans.size() > MAX_CACHED) {
            plans.clear();
        }
        return plans.computeIfAbsent(workflowId + ":" + version + ":" + stepId,
                key -> definitions.step(workflowId, version, stepId)
                        .map(step -> CrawlPlan.of(WorkflowParser.config(step, CrawlConfig.class), step.retry()))
                        .memoize().indefinitely()
                        .onFailure().invoke(() -> plans.remove(key)));
    }
}
