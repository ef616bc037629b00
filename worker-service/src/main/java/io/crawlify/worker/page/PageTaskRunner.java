package io.crawlify.worker.page;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.Phase;
import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.PageEvent;
import io.crawlify.model.url.UrlNormalizer;
import io.crawlify.model.workflow.RetryPolicy;
import io.crawlify.worker.browser.BrowserRenderer;
import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.execution.ExecutionCancellation;
import io.crawlify.worker.http.PageFetcher;
import io.crawlify.worker.http.TargetGuard;
import io.crawlify.worker.phase.FetchException;
import io.crawlify.worker.phase.NodeContext;
import io.crawlify.worker.phase.PhaseRunner;
import io.crawlify.worker.politeness.DomainRateLimiter;
import io.crawlify.worker.politeness.RobotsPolicy;
import io.crawlify.worker.report.Reporter;
import io.crawlify.worker.results.PageRecord;
import io.crawlify.worker.results.ResultWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs one crawl task: politeness → load over HTTP or in the browser (retried per policy) → phase nodes →
 * results → children → completion → event. Children are published before the task is recorded done, so the execution's unfinished count never
 * reaches zero while work is still to be published. The Pub/Sub ack comes last, from the caller.
 */
@ApplicationScoped
public class PageTaskRunner {

    /** How the task ended, for the subscriber's ack decision and metrics. */
    public enum Outcome { SUCCEEDED, FAILED, SKIPPED_DUPLICATE, SKIPPED_CANCELLED }

    private static final String HTTP = "http";
    private static final String BROWSER = "browser";

    private final PageFrontier frontier;
    private final CrawlPlans plans;
    private final ExecutionCancellation cancellation;
    private final PageFetcher fetcher;
    private final BrowserRenderer browser;
    private final TargetGuard guard;
    private final DomainRateLimiter rateLimiter;
    private final RobotsPolicy robots;
    private final PhaseRunner phases;
    private final ResultWriter results;
    private final Reporter reporter;
    private final MeterRegistry metrics;
    private final boolean eventsPerTask;
    // Meters with fixed tags, looked up once rather than on every page.
    private final Map<Outcome, Counter> tasksByOutcome = new EnumMap<>(Outcome.class);
    private final Counter bytes;
    private final Counter items;
    private final Map<String, Counter> pagesByRenderer = new HashMap<>();

    public PageTaskRunner(PageFrontier frontier, CrawlPlans plans, ExecutionCancellation cancellation,
            PageFetcher fetcher, BrowserRenderer browser, TargetGuard guard, DomainRateLimiter rateLimiter,
            RobotsPolicy robots, PhaseRunner phases, ResultWriter results, Reporter reporter, MeterRegistry metrics,
            WorkerConfig config) {
        this.frontier = frontier;
        this.plans = plans;
        this.cancellation = cancellation;
        this.fetcher = fetcher;
        this.browser = browser;
        this.guard = guard;
        this.rateLimiter = rateLimiter;
        this.robots = robots;
        this.phases = phases;
        this.results = results;
        this.reporter = reporter;
        this.metrics = metrics;
        this.eventsPerTask = config.eventsPerTask();
        for (Outcome outcome : Outcome.values()) {
            tasksByOutcome.put(outcome, metrics.counter("crawlify.worker.tasks", "outcome",
                    outcome.name().toLowerCase(java.util.Locale.ROOT)));
        }
        this.bytes = metrics.counter("crawlify.worker.bytes");
        this.items = metrics.counter("crawlify.worker.items");
        for (String renderer : List.of(HTTP, BROWSER)) {
            pagesByRenderer.put(renderer, metrics.counter("crawlify.worker.pages", "renderer", renderer));
        }
    }

    public Uni<Outcome> run(PageTask task) {
        long started = System.nanoTime();
        return frontier.begin(task).chain(start -> switch (start) {
            case RUN -> plans.plan(task.workflowId(), task.workflowVersion(), task.stepId())
                    .chain(plan -> crawl(task, plan, started));
            case ALREADY_DONE -> Uni.createFrom().item(Outcome.SKIPPED_DUPLICATE);
            case CANCELLED -> Uni.createFrom().item(Outcome.SKIPPED_CANCELLED);
        }).invoke(outcome -> tasksByOutcome.get(outcome).increment());
    }

    private Uni<Outcome> crawl(PageTask task, CrawlPlan plan, long started) {
        CrawlConfig config = plan.config();
        Phase phase = config.phase(task.phaseId());
        if (phase == null) {
            return fail(task, new FetchException("unknown_phase", "phase '" + task.phaseId()
                    + "' is not in workflow version " + task.workflowVersion(), false), new Attempts(), started);
        }
        Attempts attempts = new Attempts();
        return load(task, plan, phase, attempts)
                .chain(loaded -> succeed(task, plan, loaded, attempts.count, started))
                .onFailure(FetchException.class)
                .recoverWithUni(e -> fail(task, (FetchException) e, attempts, started))
                .onFailure(ExecutionCancelled.class).recoverWithItem(Outcome.SKIPPED_CANCELLED);
    }

    /**
     * Loads the page with the crawl's renderer and runs the phase on it. {@code auto} fetches over HTTP and keeps
     * the document when it has every selector the phase requires, else renders it in the browser; a phase with
     * nodes that need a live page always goes to the browser.
     */
    private Uni<Loaded> load(PageTask task, CrawlPlan plan, Phase phase, Attempts attempts) {
        CrawlConfig config = plan.config();
        Duration timeout = Duration.ofMillis(config.requestTimeoutMs());
        Uni<Boolean> allowed = config.respectRobotsTxt()
                ? robots.allows(task.url(), config.userAgent(), timeout)
                : Uni.createFrom().item(true);
        return allowed.chain(ok -> {
            if (!ok) {
                return Uni.createFrom().failure(new FetchException("robots", "disallowed by robots.txt", false));
            }
            CrawlConfig.Renderer renderer = config.renderer();
            if (renderer == CrawlConfig.Renderer.BROWSER
                    || renderer == CrawlConfig.Renderer.AUTO && phase.needsBrowser()) {
                return inBrowser(task, plan, phase, attempts);
            }
            return withRetry(task, plan, attempts, () -> fetcher.fetch(task.url(), config.userAgent(), timeout))
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .chain(page -> {
                        // Parsing and node execution are CPU work: they run on a worker thread, off the event loop.
                        Document document = Jsoup.parse(page.isHtml() ? page.body() : "", page.finalUrl().toString());
                        if (renderer == CrawlConfig.Renderer.AUTO && page.isHtml()
                                && !BrowserRenderer.satisfies(document, phase.effectiveRequiredSelectors())) {
                            return inBrowser(task, plan, phase, attempts);
                        }
                        NodeContext context = new NodeContext(task, config, phase, document);
                        if (page.isHtml()) {
                            phases.run(context);
                        }
                        return Uni.createFrom().item(new Loaded(page.status(), page.bytes(), HTTP, context));
                    });
        });
    }

    private Uni<Loaded> inBrowser(PageTask task, CrawlPlan plan, Phase phase, Attempts attempts) {
        attempts.renderer = BROWSER;
        return withRetry(task, plan, attempts, () -> guard.check(URI.create(task.url()))
                .chain(() -> browser.render(task, plan.config(), phase)))
                .map(r -> new Loaded(r.status(), r.bytes(), BROWSER, r.context()));
    }

    /** One attempt per call of {@code attempt}, after the domain's rate-limit slot; retried per step policy. */
    private <T> Uni<T> withRetry(PageTask task, CrawlPlan plan, Attempts attempts, Supplier<Uni<T>> attempt) {
        RetryPolicy policy = plan.retry();
        attempts.count++;
        int number = attempts.count;
        return rateLimiter.acquire(UrlNormalizer.host(task.url()), plan.config().rateLimit())
                // A task that waited for its slot may have been cancelled meanwhile: look again before loading.
                .chain(waited -> !waited ? Uni.createFrom().voidItem()
                        : cancellation.cancelled(task.executionId()).invoke(cancelled -> {
                            if (cancelled) {
                                throw new ExecutionCancelled();
                            }
                        }).replaceWithVoid())
                .chain(() -> attempt.get())
                .onFailure(e -> e instanceof FetchException f && f.retryable() && number < policy.attempts())
                .recoverWithUni(e -> {
                    Log.debugf("attempt %d of %s failed (%s); retrying", number, task.url(), e.getMessage());
                    Duration wait = policy.jitteredDelayBefore(number + 1);
                    Uni<Void> pause = wait.isZero() ? Uni.createFrom().voidItem()
                            : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
                    return pause.chain(() -> withRetry(task, plan, attempts, attempt));
                });
    }

    private Uni<Outcome> succeed(PageTask task, CrawlPlan plan, Loaded loaded, int attempt, long started) {
        NodeContext context = loaded.context();
        List<PageTask> children = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        Map<String, String> links = context.links();
        if (task.depth() < plan.config().maxDepth()) {
            for (Map.Entry<String, String> link : links.entrySet()) {
                // A marker without a transition is not followed; out-of-scope URLs are never admitted.
                if (context.phase().transitions().containsKey(link.getValue()) && plan.inScope(link.getKey())) {
                    candidates.add(link.getKey());
                }
            }
        }
        long duration = elapsedMs(started);
        metrics.timer("crawlify.worker.page.duration", "phase", context.phase().id())
                .record(java.time.Duration.ofMillis(duration));
        bytes.increment(loaded.bytes());
        items.increment(context.items().size());
        pagesByRenderer.get(loaded.renderer()).increment();
        PageRecord record = new PageRecord(task, "succeeded", loaded.status(), loaded.bytes(), links.size(), attempt,
                duration, null, null, loaded.renderer(), context.items(), context.artifacts());
        return results.write(record)
                .chain(() -> frontier.admit(task, plan.config().maxPages(), candidates))
                .chain(admitted -> {
                    for (String url : admitted) {
                        String marker = links.get(url);
                        children.add(PageTask.of(task.executionId(), task.workflowId(), task.workflowVersion(),
                                task.stepId(), context.phase().transitions().get(marker), url, task.depth() + 1,
                                marker, task.taskId()));
                    }
                    return reporter.publishTasks(children);
                })
                .chain(() -> frontier.complete(task, true, 1, context.items().size(),
                        loaded.bytes(), loaded.renderer()))
                .chain(completion -> !completion.recorded() || (!eventsPerTask && completion.remaining() > 0)
                        ? Uni.createFrom().voidItem()
                        : reporter.pageEvent(new PageEvent(PageEvent.VERSION, PageEvent.Type.SUCCEEDED,
                                task.taskId(), task.executionId(), task.stepId(), task.url(), 1,
                                context.items().size(), loaded.bytes(), children.size(), null, null,
                                duration, completion.remaining())))
                .replaceWith(Outcome.SUCCEEDED);
    }

    private Uni<Outcome> fail(PageTask task, FetchException error, Attempts attempts, long started) {
        int attempt = attempts.count;
        long duration = elapsedMs(started);
        metrics.counter("crawlify.worker.page.failures", "kind", error.kind()).increment();
        Log.infof("task %s (%s) failed after %d attempt(s): %s", task.taskId(), task.url(), attempt,
                error.getMessage());
        PageRecord record = new PageRecord(task, "failed", httpStatus(error), 0, 0, attempt, duration,
                error.kind(), error.getMessage(), attempts.renderer, List.of(), List.of());
        return results.write(record)
                .chain(() -> frontier.complete(task, false, 0, 0, 0, attempts.renderer))
                .chain(completion -> !completion.recorded() ? Uni.createFrom().voidItem()
                        : reporter.pageEvent(new PageEvent(PageEvent.VERSION, PageEvent.Type.FAILED,
                                task.taskId(), task.executionId(), task.stepId(), task.url(), 0, 0, 0, 0,
                                error.kind(), error.getMessage(), duration, completion.remaining())))
                .replaceWith(Outcome.FAILED);
    }

    private static int httpStatus(FetchException error) {
        return error.kind().startsWith("http_") ? Integer.parseInt(error.kind().substring(5)) : 0;
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** A loaded page with the phase run on it; {@code renderer} is the one that served it. */
    private record Loaded(int status, long bytes, String renderer, NodeContext context) {
    }

    /** The execution was cancelled while this task waited: it ends without effects. */
    private static final class ExecutionCancelled extends RuntimeException {
        ExecutionCancelled() {
            super("execution cancelled", null, false, false);
        }
    }

    /** Attempts of one task and the renderer of the last; only touched by that task's sequential pipeline. */
    private static final class Attempts {
        int count;
        String renderer = HTTP;
    }
}
