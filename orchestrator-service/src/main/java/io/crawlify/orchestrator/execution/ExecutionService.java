package io.crawlify.orchestrator.execution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.message.CrawlTask;
import io.crawlify.model.url.UrlNormalizer;
import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.orchestrator.api.ApiException;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.pubsub.TaskPublisher;
import io.crawlify.orchestrator.workflow.Workflow;
import io.crawlify.orchestrator.workflow.WorkflowDefinitionCache;
import io.crawlify.orchestrator.workflow.WorkflowService;
import io.crawlify.orchestrator.workflow.WorkflowVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Execution lifecycle: start (persist → cache the version → admit seeds → publish), read with live stats,
 * cancel, and finish once the Redis counters say the frontier drained.
 */
@ApplicationScoped
public class ExecutionService {

    private final WorkflowService workflows;
    private final WorkflowDefinitionCache definitions;
    private final ExecutionCounters counters;
    private final TaskPublisher publisher;
    private final OrchestratorConfig config;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public ExecutionService(WorkflowService workflows, WorkflowDefinitionCache definitions,
            ExecutionCounters counters, TaskPublisher publisher, OrchestratorConfig config, ObjectMapper json,
            MeterRegistry metrics) {
        this.workflows = workflows;
        this.definitions = definitions;
        this.counters = counters;
        this.publisher = publisher;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
    }

    public Uni<ExecutionResponse> start(UUID workflowId, JsonNode input, String trigger) {
        return workflows.currentVersion(workflowId)
                .chain(version -> create(version, input, trigger)
                        .call(execution -> definitions.put(workflowId, version.version, version.definition))
                        .call(execution -> enqueueSeeds(execution, version)))
                .map(this::toResponse);
    }

    public Uni<ExecutionResponse> get(UUID id) {
        return Panache.withSession(() -> find(id))
                .chain(execution -> !execution.isActive() ? Uni.createFrom().item(execution)
                        : counters.stats(id).invoke(execution::apply).replaceWith(execution))
                .map(this::toResponse);
    }

    public Uni<List<ExecutionResponse>> listForWorkflow(UUID workflowId, int offset, int limit) {
        return Panache.withSession(() -> Workflow.findLive(workflowId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("workflow", workflowId))
                .chain(w -> Execution.<Execution>find("workflowId", Sort.descending("createdAt"), workflowId)
                        .range(offset, offset + limit - 1).list()))
                .map(list -> list.stream().map(this::toResponse).toList());
    }

    public Uni<ExecutionResponse> cancel(UUID id) {
        return Panache.withTransaction(() -> find(id).chain(execution -> {
            if (!execution.isActive()) {
                return Uni.createFrom().failure(ApiException.conflict(
                        "execution " + id + " already ended as " + execution.status));
            }
            // Flag first: from here on workers drop the execution's tasks and admit no new URLs.
            return counters.cancel(id, config.executions().frontierRetention())
                    .chain(() -> counters.stats(id))
                    .map(stats -> {
                        execution.apply(stats);
                        execution.status = ExecutionStatus.CANCELLED;
                        execution.finishedAt = Instant.now();
                        return execution;
                    });
        })).call(execution -> counters.expire(id, config.executions().frontierRetention()))
                .invoke(execution -> finished(execution))
                .map(this::toResponse);
    }

    /**
     * Copies the live counters into PostgreSQL and, when every enqueued task finished, ends the execution:
     * succeeded, or failed when page failures crossed the step's threshold. Idempotent; safe from any instance.
     * Returns the counters while the execution is still running, empty once it has ended.
     */
    public Uni<Optional<ExecutionStats>> reconcile(UUID id) {
        return counters.stats(id).chain(stats -> Panache.withTransaction(() -> Execution.<Execution>findById(id)
                .chain(execution -> {
                    if (execution == null || !execution.isActive()) {
                        return Uni.createFrom().item(Optional.<ExecutionStats>empty());
                    }
                    execution.apply(stats);
                    if (!stats.drained()) {
                        return Uni.createFrom().item(Optional.of(stats));
                    }
                    return failureThreshold(execution).map(threshold -> {
                        boolean failed = threshold.crossedBy(stats.tasksCompleted(), stats.tasksFailed());
                        end(execution, failed ? ExecutionStatus.FAILED : ExecutionStatus.SUCCEEDED,
                                failed ? stats.tasksFailed() + " of " + stats.tasksEnqueued()
                                        + " task(s) failed, crossing the failure threshold" : null);
                        return Optional.<ExecutionStats>empty();
                    });
                })))
                .call(running -> running.isPresent() ? Uni.createFrom().voidItem()
                        : counters.expire(id, config.executions().frontierRetention()));
    }

    /** Fails a running execution whose tasks stopped finishing. */
    public Uni<Void> failStalled(UUID id, ExecutionStats stats) {
        return Panache.withTransaction(() -> Execution.<Execution>findById(id).invoke(execution -> {
            if (execution != null && execution.isActive()) {
                execution.apply(stats);
                end(execution, ExecutionStatus.FAILED, "stalled: " + stats.remaining() + " task(s) made no progress for "
                        + config.executions().stallTimeout());
            }
        })).replaceWithVoid();
    }

    private void end(Execution execution, String status, String error) {
        execution.status = status;
        execution.error = error;
        execution.finishedAt = Instant.now();
        finished(execution);
    }

    public Uni<List<UUID>> activeIds() {
        return Panache.withSession(() -> Execution.<Execution>list("status in ?1",
                List.of(ExecutionStatus.PENDING, ExecutionStatus.RUNNING)))
                .map(list -> list.stream().map(e -> e.id).toList());
    }

    private Uni<Execution> create(WorkflowVersion version, JsonNode input, String trigger) {
        Execution execution = new Execution();
        execution.id = UUID.randomUUID();
        execution.workflowId = version.workflowId;
        execution.workflowVersion = version.version;
        execution.status = ExecutionStatus.RUNNING;
        execution.triggerType = trigger;
        execution.input = input == null || input.isNull() ? null : input.toString();
        execution.createdAt = Instant.now();
        execution.startedAt = execution.createdAt;
        return Panache.withTransaction(execution::persist).replaceWith(execution);
    }

    private Uni<Void> enqueueSeeds(Execution execution, WorkflowVersion version) {
        StepDefinition step = WorkflowParser.readStored(version.definition).steps().get(0);
        CrawlConfig crawl = WorkflowParser.config(step, CrawlConfig.class);
        List<String> seeds = crawl.startUrls().stream()
                .map(UrlNormalizer::normalize).flatMap(java.util.Optional::stream).distinct().toList();
        return counters.admitSeeds(execution.id, crawl.maxPages(), seeds)
                .chain(admitted -> {
                    List<CrawlTask> tasks = new ArrayList<>();
                    for (String url : admitted) {
                        tasks.add(CrawlTask.of(execution.id, execution.workflowId, execution.workflowVersion,
                                step.id(), crawl.startPhase(), url, 0, null, null));
                    }
                    return publisher.publish(tasks);
                })
                .onFailure().call(e -> markFailed(execution, "could not enqueue the start URLs: " + e.getMessage()))
                .onFailure().transform(e -> new ApiException(503, "Service Unavailable",
                        "could not enqueue execution " + execution.id + ": " + e.getMessage(), null));
    }

    private Uni<Void> markFailed(Execution execution, String error) {
        Log.errorf("execution %s failed to start: %s", execution.id, error);
        return Panache.withTransaction(() -> Execution.<Execution>findById(execution.id).invoke(e -> {
            e.status = ExecutionStatus.FAILED;
            e.error = error;
            e.finishedAt = Instant.now();
            execution.status = e.status;
        })).replaceWithVoid();
    }

    private Uni<io.crawlify.model.crawl.FailureThreshold> failureThreshold(Execution execution) {
        return WorkflowVersion.find(execution.workflowId, execution.workflowVersion).map(version -> {
            StepDefinition step = WorkflowParser.readStored(version.definition).steps().get(0);
            return WorkflowParser.config(step, CrawlConfig.class).failureThreshold();
        });
    }

    private void finished(Execution execution) {
        metrics.counter("crawlify.executions.finished", "status", execution.status).increment();
        Log.infof("execution %s %s: %d pages, %d items, %d failed", execution.id, execution.status,
                execution.pagesCrawled, execution.itemsExtracted, execution.tasksFailed);
    }

    private static Uni<Execution> find(UUID id) {
        return Execution.<Execution>findById(id).onItem().ifNull()
                .failWith(() -> ApiException.notFound("execution", id));
    }

    private ExecutionResponse toResponse(Execution e) {
        return new ExecutionResponse(e.id, e.workflowId, e.workflowVersion, e.status, e.triggerType,
                readTree(e.input), e.stats(), e.createdAt, e.startedAt, e.finishedAt, e.error);
    }

    private JsonNode readTree(String value) {
        try {
            return value == null ? null : json.readTree(value);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
