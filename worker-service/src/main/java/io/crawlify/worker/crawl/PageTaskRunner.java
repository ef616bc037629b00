package io.crawlify.worker.crawl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.Phase;
import io.crawlify.model.message.CrawlTask;
import io.crawlify.model.message.TaskEvent;
import io.crawlify.model.url.UrlNormalizer;
import io.crawlify.model.workflow.RetryPolicy;
import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.extract.NodeContext;
import io.crawlify.worker.extract.PhaseRunner;
import io.crawlify.worker.http.FetchException;
import io.crawlify.worker.http.FetchedPage;
import io.crawlify.worker.http.PageFetcher;
import io.crawlify.worker.politeness.DomainRateLimiter;
import io.crawlify.worker.politeness.RobotsPolicy;
import io.crawlify.worker.pubsub.TaskPublisher;
import io.crawlify.worker.results.PageRecord;
import io.crawlify.worker.results.ResultWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs one crawl task: politeness → fetch (retried per policy) → phase nodes → results → children → completion
 * → event. Children are published before the task is recorded done, so the execution's unfinished count never
 * reaches zero while work is still to be published. The Pub/Sub ack comes last, from the caller.
 */
@ApplicationScoped
public class PageTaskRunner {

    /** How the task ended, for the subscriber's ack decision and metrics. */
    public enum Outcome { SUCCEEDED, FAILED, SKIPPED_DUPLICATE, SKIPPED_CANCELLED }

    private final Frontier frontier;
    private final WorkflowDefinitions definitions;
    private final PageFetcher fetcher;
    private final DomainRateLimiter rateLimiter;
    private final RobotsPolicy robots;
    private final PhaseRunner phases;
    private final ResultWriter results;
    private final TaskPublisher publisher;
    private final MeterRegistry metrics;
    private final boolean eventsPerTask;
    // Meters with fixed tags, looked up once rather than on every page.
    private final Map<Outcome, Counter> tasksByOutcome = new EnumMap<>(Outcome.class);
    private final Counter bytes;
    private final Counter items;

    public PageTaskRunner(Frontier frontier, WorkflowDefinitions definitions, PageFetcher fetcher,
            DomainRateLimiter rateLimiter, RobotsPolicy robots, PhaseRunner phases, ResultWriter results,
            TaskPublisher publisher, MeterRegistry metrics, WorkerConfig config) {
        this.frontier = frontier;
        this.definitions = definitions;
        this.fetcher = fetcher;
        this.rateLimiter = rateLimiter;
        this.robots = robots;
        this.phases = phases;
        this.results = results;
        this.publisher = publisher;
        this.metrics = metrics;
        this.eventsPerTask = config.eventsPerTask();
        for (Outcome outcome : Outcome.values()) {
            tasksByOutcome.put(outcome, metrics.counter("crawlify.worker.tasks", "outcome",
                    outcome.name().toLowerCase(java.util.Locale.ROOT)));
        }
        this.bytes = metrics.counter("crawlify.worker.bytes");
        this.items = metrics.counter("crawlify.worker.items");
    }

    public Uni<Outcome> run(CrawlTask task) {
        long started = System.nanoTime();
        return frontier.begin(task).chain(start -> switch (start) {
            case RUN -> definitions.crawlPlan(task.workflowId(), task.workflowVersion(), task.stepId())
                    .chain(plan -> crawl(task, plan, started));
            case ALREADY_DONE -> Uni.createFrom().item(Outcome.SKIPPED_DUPLICATE);
            case CANCELLED -> Uni.createFrom().item(Outcome.SKIPPED_CANCELLED);
        }).invoke(outcome -> tasksByOutcome.get(outcome).increment());
    }

    private Uni<Outcome> crawl(CrawlTask task, CrawlPlan plan, long started) {
        CrawlConfig config = plan.config();
        Phase phase = config.phase(task.phaseId());
        if (phase == null) {
            return fail(task, new FetchException("unknown_phase", "phase '" + task.phaseId()
                    + "' is not in workflow version " + task.workflowVersion(), false), 0, started);
        }
        Attempts attempts = new Attempts();
        return fetchAllowed(task, plan, attempts)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(page -> process(task, config, phase, page))
                .chain(processed -> succeed(task, plan, processed, attempts.count, started))
                .onFailure(FetchException.class)
                .recoverWithUni(e -> fail(task, (FetchException) e, attempts.count, started))
                .onFailure(ExecutionCancelled.class).recoverWithItem(Outcome.SKIPPED_CANCELLED);
    }

    /** Parsing and node execution are CPU work: they run on a worker thread, off the event loop. */
    private Processed process(CrawlTask task, CrawlConfig config, Phase phase, FetchedPage page) {
        if (!page.isHtml()) {
            return new Processed(page, new NodeContext(task, config, phase, Jsoup.parse("", page.finalUrl().toString())));
        }
        Document document = Jsoup.parse(page.body(), page.finalUrl().toString());
        NodeContext context = new NodeContext(task, config, phase, document);
        phases.run(context);
        context.warnings().forEach(w -> Log.debugf("%s: %s", task.url(), w));
        return new Processed(page, context);
    }

    private Uni<FetchedPage> fetchAllowed(CrawlTask task, CrawlPlan plan, Attempts attempts) {
        CrawlConfig config = plan.config();
        Duration timeout = Duration.ofMillis(config.requestTimeoutMs());
        Uni<Boolean> allowed = config.respectRobotsTxt()
                ? robots.allows(task.url(), config.userAgent(), timeout)
                : Uni.createFrom().item(true);
        return allowed.chain(ok -> {
            if (!ok) {
                return Uni.createFrom().failure(new FetchException("robots", "disallowed by robots.txt", false));
            }
            return fetchWithRetry(task, plan, timeout, attempts);
        });
    }

    private Uni<FetchedPage> fetchWithRetry(CrawlTask task, CrawlPlan plan, Duration timeout, Attempts attempts) {
        CrawlConfig config = plan.config();
        RetryPolicy policy = plan.retry();
        attempts.count++;
        int attempt = attempts.count;
        return rateLimiter.acquire(UrlNormalizer.host(task.url()), config.rateLimit())
                // A task that waited for its slot may have been cancelled meanwhile: look again before fetching.
                .chain(waited -> !waited ? Uni.createFrom().voidItem()
                        : frontier.cancelled(task.executionId()).invoke(cancelled -> {
                            if (cancelled) {
                                throw new ExecutionCancelled();
                            }
                        }).replaceWithVoid())
                .chain(() -> fetcher.fetch(task.url(), config.userAgent(), timeout))
                .onFailure(e -> e instanceof FetchException f && f.retryable() && attempt < policy.attempts())
                .recoverWithUni(e -> {
                    Log.debugf("attempt %d of %s failed (%s); retrying", attempt, task.url(), e.getMessage());
                    Duration wait = delay(policy, attempt + 1);
                    Uni<Void> pause = wait.isZero() ? Uni.createFrom().voidItem()
                            : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
                    return pause.chain(() -> fetchWithRetry(task, plan, timeout, attempts));
                });
    }

    private static Duration delay(RetryPolicy policy, int nextAttempt) {
        Duration base = policy.delayBefore(nextAttempt);
        if (base.isNegative() || base.isZero()) {
            return Duration.ZERO;
        }
        if (!policy.jitter()) {
            return base;
        }
        long ms = base.toMillis();
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    private Uni<Outcome> succeed(CrawlTask task, CrawlPlan plan, Processed processed, int attempt, long started) {
        NodeContext context = processed.context();
        List<CrawlTask> children = new ArrayList<>();
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
        bytes.increment(processed.page().bytes());
        items.increment(context.items().size());
        PageRecord record = new PageRecord(task, "succeeded", processed.page().status(), processed.page().bytes(),
                links.size(), attempt, duration, null, null, "http", context.items());
        return results.write(record)
                .chain(() -> frontier.admit(task.executionId(), task.taskId(), plan.config().maxPages(), candidates))
                .chain(admitted -> {
                    for (String url : admitted) {
                        String marker = links.get(url);
                        children.add(CrawlTask.of(task.executionId(), task.workflowId(), task.workflowVersion(),
                                task.stepId(), context.phase().transitions().get(marker), url, task.depth() + 1,
                                marker, task.taskId()));
                    }
                    return publisher.publishTasks(children);
                })
                .chain(() -> frontier.complete(task.executionId(), task.taskId(), true, 1, context.items().size(),
                        processed.page().bytes()))
                .chain(completion -> !completion.recorded() || (!eventsPerTask && completion.remaining() > 0)
                        ? Uni.createFrom().voidItem()
                        : publisher.publishEvent(new TaskEvent(TaskEvent.VERSION, TaskEvent.Type.SUCCEEDED,
                                task.taskId(), task.executionId(), task.stepId(), task.url(), 1,
                                context.items().size(), processed.page().bytes(), children.size(), null, null,
                                duration, completion.remaining())))
                .replaceWith(Outcome.SUCCEEDED);
    }

    private Uni<Outcome> fail(CrawlTask task, FetchException error, int attempt, long started) {
        long duration = elapsedMs(started);
        metrics.counter("crawlify.worker.page.failures", "kind", error.kind()).increment();
        Log.infof("task %s (%s) failed after %d attempt(s): %s", task.taskId(), task.url(), attempt,
                error.getMessage());
        PageRecord record = new PageRecord(task, "failed", httpStatus(error), 0, 0, attempt, duration,
                error.kind(), error.getMessage(), "http", List.of());
        return results.write(record)
                .chain(() -> frontier.complete(task.executionId(), task.taskId(), false, 0, 0, 0))
                .chain(completion -> !completion.recorded() ? Uni.createFrom().voidItem()
                        : publisher.publishEvent(new TaskEvent(TaskEvent.VERSION, TaskEvent.Type.FAILED,
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

    private record Processed(FetchedPage page, NodeContext context) {
    }

    /** The execution was cancelled while this task waited: it ends without effects. */
    private static final class ExecutionCancelled extends RuntimeException {
        ExecutionCancelled() {
            super("execution cancelled", null, false, false);
        }
    }

    /** Attempt counter of one task; only touched by that task's sequential pipeline. */
    private static final class Attempts {
        int count;
    }
}
