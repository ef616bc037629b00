package io.crawlify.orchestrator.execution;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.orchestrator.api.ApiException;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.step.CrawlStepMonitor;
import io.crawlify.orchestrator.step.ExecutionEndings;
import io.crawlify.orchestrator.step.StepScheduler;
import io.crawlify.orchestrator.workflow.Workflow;
import io.crawlify.orchestrator.workflow.WorkflowDefinitionCache;
import io.crawlify.orchestrator.workflow.WorkflowService;
import io.crawlify.orchestrator.workflow.WorkflowVersion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Execution lifecycle: start (persist → cache the version → create the step runs and dispatch the first steps),
 * read with live stats, cancel, and reconcile (counters into PostgreSQL, crawl completion, the DAG advanced).
 */
@ApplicationScoped
public class ExecutionService {

    private final WorkflowService workflows;
    private final WorkflowDefinitionCache definitions;
    private final ExecutionCounters counters;
    private final StepScheduler scheduler;
    private final CrawlStepMonitor crawls;
    private final ExecutionEndings endings;
    private final ExecutionStatsStore statsStore;
    private final OrchestratorConfig config;
    private final ObjectMapper json;

    public ExecutionService(WorkflowService workflows, WorkflowDefinitionCache definitions,
            ExecutionCounters counters, StepScheduler scheduler, CrawlStepMonitor crawls, ExecutionEndings endings,
            ExecutionStatsStore statsStore, OrchestratorConfig config, ObjectMapper json) {
        this.workflows = workflows;
        this.definitions = definitions;
        this.counters = counters;
        this.scheduler = scheduler;
        this.crawls = crawls;
        this.endings = endings;
        this.statsStore = statsStore;
        this.config = config;
        this.json = json;
    }

    public Uni<ExecutionResponse> start(UUID workflowId, JsonNode input, String trigger) {
        return workflows.currentVersion(workflowId)
                .chain(version -> create(version, input, trigger)
                        .call(execution -> definitions.put(workflowId, version.version, version.definition))
                        .call(execution -> schedule(execution, version)))
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
        // The row lock orders the cancel with the scheduler, which ends executions under the same lock.
        return Panache.withTransaction(() -> Execution.<Execution>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound("execution", id)).chain(execution -> {
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
        })).call(execution -> scheduler.cancelSteps(id))
                .invoke(execution -> endings.ended(new StepScheduler.Finished(execution.id, execution.workflowId,
                        execution.status, null, execution.startedAt)))
                .map(this::toResponse);
    }

    /**
     * Copies the live counters into PostgreSQL, ends the running crawl step once every page task finished, and
     * advances the DAG. Idempotent; safe from any instance. Returns the counters while a crawl step is running
     * (for stall detection), empty otherwise.
     */
    public Uni<Optional<ExecutionStats>> reconcile(UUID id) {
        return counters.stats(id).chain(stats -> statsStore.copy(id, stats)
                .chain(active -> !active ? Uni.createFrom().item(Optional.<ExecutionStats>empty())
                        : crawls.check(id, stats)));
    }

    /** Fails the running crawl step of an execution whose page tasks stopped finishing. */
    public Uni<Void> failStalled(UUID id, ExecutionStats stats) {
        return crawls.stalled(id, stats, config.executions().stallTimeout());
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

    private Uni<Void> schedule(Execution execution, WorkflowVersion version) {
        return scheduler.start(execution.id, WorkflowParser.readStored(version.definition))
                .onFailure().call(e -> markFailed(execution, "could not dispatch the first steps: " + e.getMessage()))
                .onFailure().transform(e -> new ApiException(503, "Service Unavailable",
                        "could not start execution " + execution.id + ": " + e.getMessage(), null));
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
