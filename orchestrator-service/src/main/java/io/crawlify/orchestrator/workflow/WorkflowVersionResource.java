package io.crawlify.orchestrator.workflow;

import java.util.UUID;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

/** A workflow's version history: {@code GET /workflows/{id}/versions} and one version's definition. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowVersionResource {

    private final WorkflowVersionService versions;

    public WorkflowVersionResource(WorkflowVersionService versions) {
        this.versions = versions;
    }

    @GET
    @Path("/workflows/{id}/versions")
    public Uni<WorkflowVersionService.VersionPage> list(@RestPath UUID id, @RestQuery @DefaultValue("0") int offset,
            @RestQuery @DefaultValue("50") int limit) {
        Pagination.check(offset, limit);
        return versions.list(id, offset, limit);
    }

    @GET
    @Path("/workflows/{id}/versions/{version}")
    public Uni<WorkflowVersionService.VersionResponse> get(@RestPath UUID id, @RestPath int version) {
        return versions.get(id, version);
    }
}
