package io.crawlify.orchestrator.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.model.workflow.WorkflowDefinition;
import io.crawlify.orchestrator.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Workflow CRUD: validate → persist a new immutable version (executions pin it for the workers when they start). */
@ApplicationScoped
public class WorkflowService {

    /** A page of workflows and how many there are in all. */
    public record WorkflowPage(List<WorkflowResponse> items, int offset, int limit, long total) {
    }

    private final ObjectMapper json;
    private final Event<WorkflowChanged> changed;

    public WorkflowService(ObjectMapper json, Event<WorkflowChanged> changed) {
        this.json = json;
        this.changed = changed;
    }

    public Uni<WorkflowResponse> create(JsonNode body) {
        WorkflowDefinition definition = validate(body);
        Instant now = Instant.now();
        Workflow workflow = new Workflow();
        workflow.id = UUID.randomUUID();
        workflow.name = definition.name();
        workflow.description = definition.description();
        workflow.currentVersion = 1;
        workflow.status = "active";
        workflow.createdAt = now;
        workflow.updatedAt = now;
        return persist(workflow, body, now)
                .invoke(version -> changed.fire(new WorkflowChanged(workflow.id)))
                .map(version -> toResponse(workflow, version));
    }

    public Uni<WorkflowResponse> update(UUID id, JsonNode body) {
        WorkflowDefinition definition = validate(body);
        return updateVersion(id, definition, body)
                .invoke(pair -> changed.fire(new WorkflowChanged(id)))
                .map(pair -> toResponse(pair.workflow(), pair.version()));
    }

    @WithSession
    public Uni<WorkflowResponse> get(UUID id) {
        return findLive(id).chain(workflow -> WorkflowVersion.find(id, workflow.currentVersion)
                .map(version -> toResponse(workflow, version)));
    }

    @WithSession
    public Uni<WorkflowPage> list(int offset, int limit) {
        return Workflow.<Workflow>find("deletedAt is null", Sort.descending("createdAt"))
                .range(offset, offset + limit - 1).list()
                .chain(workflows -> Workflow.count("deletedAt is null").map(total -> new WorkflowPage(
                        workflows.stream().map(w -> toResponse(w, null)).toList(), offset, limit, total)));
    }

    public Uni<Void> delete(UUID id) {
        return Panache.withTransaction(() -> findLive(id).invoke(workflow -> {
            workflow.deletedAt = Instant.now();
            workflow.status = "deleted";
        })).invoke(workflow -> changed.fire(new WorkflowChanged(id))).replaceWithVoid();
    }

    /** The current version of a live workflow, for starting an execution. */
    @WithSession
    public Uni<WorkflowVersion> currentVersion(UUID id) {
        return findLive(id).chain(workflow -> WorkflowVersion.find(id, workflow.currentVersion));
    }

    private record Versioned(Workflow workflow, WorkflowVersion version) {
    }

    private Uni<WorkflowVersion> persist(Workflow workflow, JsonNode body, Instant now) {
        return Panache.withTransaction(() -> workflow.persist()
                .chain(() -> newVersion(workflow, body, now).<WorkflowVersion>persist()));
    }

    private Uni<Versioned> updateVersion(UUID id, WorkflowDefinition definition, JsonNode body) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> findLive(id).chain(workflow -> {
            workflow.currentVersion += 1;
            workflow.name = definition.name();
            workflow.description = definition.description();
            workflow.updatedAt = now;
            return newVersion(workflow, body, now).<WorkflowVersion>persist()
                    .map(version -> new Versioned(workflow, version));
        })).onFailure(WorkflowService::isUniqueViolation).transform(e -> ApiException.conflict(
                "workflow " + id + " was updated concurrently; retry with the latest version"));
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("23505")) {
                return true;
            }
        }
        return false;
    }

    private WorkflowVersion newVersion(Workflow workflow, JsonNode body, Instant now) {
        WorkflowVersion version = new WorkflowVersion();
        version.id = UUID.randomUUID();
        version.workflowId = workflow.id;
        version.version = workflow.currentVersion;
        version.definition = body.toString();
        version.createdAt = now;
        return version;
    }

    private static Uni<Workflow> findLive(UUID id) {
        return Workflow.findLive(id).onItem().ifNull().failWith(() -> ApiException.notFound("workflow", id));
    }

    private static WorkflowDefinition validate(JsonNode body) {
        return WorkflowParser.parse(body);
    }

    private WorkflowResponse toResponse(Workflow workflow, WorkflowVersion version) {
        return new WorkflowResponse(workflow.id, workflow.name, workflow.description, workflow.currentVersion,
                workflow.status, workflow.createdAt, workflow.updatedAt,
                version == null ? null : readTree(version.definition));
    }

    private JsonNode readTree(String definition) {
        try {
            return json.readTree(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored definition is not JSON", e);
        }
    }
}
