package io.crawlify.orchestrator.execution;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.orchestrator.api.ApiException;
import io.crawlify.orchestrator.engine.ExecutionCancellation;
import io.crawlify.orchestrator.engine.ExecutionCounters;
import io.crawlify.orchestrator.engine.ExecutionStatus;
import io.crawlify.orchestrator.engine.PinnedDefinitions;
import io.crawlify.orchestrator.engine.StepScheduler;
import io.crawlify.orchestrator.workflow.Workflow;
import io.crawlify.orchestrator.workflow.WorkflowService;
import io.crawlify.orchestrator.workflow.WorkflowVersion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The execution API's side: start (persist → pin the version → hand it to the engine), read with live stats, list,
 * cancel. Moving an execution forward is the engine's.
 */
@ApplicationScoped
public class ExecutionService {

    private final WorkflowService workflows;
    private final PinnedDefinitions definitions;
    private final ExecutionCounters counters;
    private final StepScheduler scheduler;
    private final ExecutionCancellation cancellation;
    private final ObjectMapper json;

    public ExecutionService(WorkflowService workflows, PinnedDefinitions definitions, ExecutionCounters counters,
            StepScheduler scheduler, ExecutionCancellation cancellation, ObjectMapper json) {
        this.workflows = workflows;
        this.definitions = definitions;
        this.counters = counters;
        this.scheduler = scheduler;
        this.cancellation = cancellation;
        this.json = json;
    }

    public Uni<ExecutionResponse> start(UUID workflowId, JsonNode input, String trigger) {
        return workflows.currentVersion(workflowId)
                .chain(version -> create(version, input, trigger)
                        .call(execution -> definitions.pin(workflowId, version.version, version.definition))
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
        return cancellation.cancel(id).chain(cancelled -> {
            if (!cancelled.found()) {
                return Uni.createFrom().failure(ApiException.notFound("execution", id));
            }
            if (!cancelled.ended()) {
                return Uni.createFrom().failure(ApiException.conflict(
                        "execution " + id + " already ended as " + cancelled.status()));
            }
            return Panache.withSession(() -> find(id)).map(this::toResponse);
        });
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
