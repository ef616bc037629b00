package io.crawlify.orchestrator.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.orchestrator.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The immutable versions of a live workflow, newest first; executions pin one of them. */
@ApplicationScoped
public class WorkflowVersionService {

    /** One version in a list. */
    public record VersionSummary(int version, Instant createdAt, boolean current) {
    }

    public record VersionPage(List<VersionSummary> items, int offset, int limit, long total) {
    }

    /** One version with its definition. */
    public record VersionResponse(UUID workflowId, int version, Instant createdAt, boolean current,
            JsonNode definition) {
    }

    private final ObjectMapper json;

    public WorkflowVersionService(ObjectMapper json) {
        this.json = json;
    }

    /** Reads version numbers and dates only: definitions can be large. */
    @WithSession
    public Uni<VersionPage> list(UUID workflowId, int offset, int limit) {
        return findLive(workflowId).chain(workflow -> Panache.getSession().chain(session -> session
                .createSelectionQuery("select v.version, v.createdAt from WorkflowVersion v "
                        + "where v.workflowId = :id order by v.version desc", Object[].class)
                .setParameter("id", workflowId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList())
                .chain(rows -> WorkflowVersion.count("workflowId", workflowId).map(total -> new VersionPage(
                        rows.stream().map(row -> new VersionSummary((Integer) row[0], (Instant) row[1],
                                (Integer) row[0] == workflow.currentVersion)).toList(),
                        offset, limit, total))));
    }

    @WithSession
    public Uni<VersionResponse> get(UUID workflowId, int version) {
        return findLive(workflowId).chain(workflow -> WorkflowVersion.find(workflowId, version)
                .onItem().ifNull().failWith(() -> ApiException.notFound("version " + version + " of workflow",
                        workflowId))
                .map(v -> new VersionResponse(workflowId, v.version, v.createdAt, v.version == workflow.currentVersion,
                        readTree(v.definition))));
    }

    private static Uni<Workflow> findLive(UUID id) {
        return Workflow.findLive(id).onItem().ifNull().failWith(() -> ApiException.notFound("workflow", id));
    }

    private JsonNode readTree(String definition) {
        try {
            return json.readTree(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored definition is not JSON", e);
        }
    }
}
