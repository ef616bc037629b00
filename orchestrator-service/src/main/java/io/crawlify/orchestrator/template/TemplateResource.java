package io.crawlify.orchestrator.template;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.orchestrator.workflow.Pagination;
import io.crawlify.orchestrator.workflow.WorkflowResponse;
import io.smallrye.mutiny.Uni;

/** Workflow templates: store, list, read, delete, and create a workflow from one. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private final TemplateService templates;

    public TemplateResource(TemplateService templates) {
        this.templates = templates;
    }

    @POST
    @Path("/templates")
    public Uni<RestResponse<TemplateResponse>> create(JsonNode body) {
        return templates.create(body).map(t -> RestResponse.ResponseBuilder
                .<TemplateResponse>created(URI.create("/api/v1/templates/" + t.id())).entity(t).build());
    }

    @GET
    @Path("/templates")
    public Uni<TemplateService.TemplatePage> list(@RestQuery @DefaultValue("0") int offset,
            @RestQuery @DefaultValue("50") int limit) {
        Pagination.check(offset, limit);
        return templates.list(offset, limit);
    }

    @GET
    @Path("/templates/{id}")
    public Uni<TemplateResponse> get(@RestPath UUID id) {
        return templates.get(id);
    }

    @DELETE
    @Path("/templates/{id}")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return templates.delete(id).map(v -> RestResponse.noContent());
    }

    /** Body {@code {"name"?, "parameters": {...}}}, empty when no parameter is needed → 201 with the new workflow. */
    @POST
    @Path("/templates/{id}/instantiate")
    public Uni<RestResponse<WorkflowResponse>> instantiate(@RestPath UUID id, JsonNode body) {
        return templates.instantiate(id, body).map(w -> RestResponse.ResponseBuilder
                .<WorkflowResponse>created(URI.create("/api/v1/workflows/" + w.id())).entity(w).build());
    }
}
