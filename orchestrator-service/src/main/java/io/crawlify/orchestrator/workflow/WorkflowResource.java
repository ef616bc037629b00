package io.crawlify.orchestrator.workflow;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.orchestrator.api.ApiException;
import io.smallrye.mutiny.Uni;

/** Both resources sit at /api/v1: JAX-RS matches the class first, so nested paths must not split across classes. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    private final WorkflowService workflows;

    public WorkflowResource(WorkflowService workflows) {
        this.workflows = workflows;
    }

    @POST
    @Path("/workflows")
    public Uni<RestResponse<WorkflowResponse>> create(JsonNode body) {
        return workflows.create(requireBody(body))
                .map(w -> RestResponse.ResponseBuilder.<WorkflowResponse>created(URI.create("/api/v1/workflows/" + w.id()))
                        .entity(w).build());
    }

    @GET
    @Path("/workflows")
    public Uni<WorkflowService.WorkflowPage> list(@RestQuery @DefaultValue("0") int offset,
            @RestQuery @DefaultValue("50") int limit) {
        Pagination.check(offset, limit);
        return workflows.list(offset, limit);
    }

    @GET
    @Path("/workflows/{id}")
    public Uni<WorkflowResponse> get(@RestPath UUID id) {
        return workflows.get(id);
    }

    @PUT
    @Path("/workflows/{id}")
    public Uni<WorkflowResponse> update(@RestPath UUID id, JsonNode body) {
        return workflows.update(id, requireBody(body));
    }

    @DELETE
    @Path("/workflows/{id}")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return workflows.delete(id).map(v -> RestResponse.noContent());
    }

    private static JsonNode requireBody(JsonNode body) {
        if (body == null || body.isNull()) {
            throw ApiException.badRequest("$", "a workflow definition is required");
        }
        return body;
    }
}
