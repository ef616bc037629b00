package io.crawlify.orchestrator.execution;

import java.util.List;
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
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.orchestrator.api.ApiException;
import io.crawlify.orchestrator.execution.StepRunQueries;
import io.crawlify.orchestrator.execution.StepRunView;
import io.crawlify.orchestrator.workflow.Pagination;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";

    /** Optional body of the execute call. */
    public record ExecuteRequest(JsonNode input) {
    }

    private static final java.util.Set<String> TASK_STATUSES = java.util.Set.of("succeeded", "failed");

    private final ExecutionService executions;
    private final ItemStore items;
    private final TaskRunStore tasks;
    private final StepRunQueries steps;

    public ExecutionResource(ExecutionService executions, ItemStore items, TaskRunStore tasks, StepRunQueries steps) {
        this.steps = steps;
        this.executions = executions;
        this.items = items;
        this.tasks = tasks;
    }

    @POST
    @Path("/workflows/{id}/execute")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ExecutionResponse>> execute(@RestPath UUID id, ExecuteRequest request) {
        JsonNode input = request == null ? null : request.input();
        if (input != null && !input.isObject() && !input.isNull()) {
            throw ApiException.badRequest("input", "input must be a JSON object");
        }
        return executions.start(id, input, "manual").map(e -> RestResponse.accepted(e));
    }

    @GET
    @Path("/workflows/{id}/executions")
    public Uni<List<ExecutionResponse>> listForWorkflow(@RestPath UUID id, @RestQuery @DefaultValue("0") int offset,
            @RestQuery @DefaultValue("50") int limit) {
        Pagination.check(offset, limit);
        return executions.listForWorkflow(id, offset, limit);
    }

    @GET
    @Path("/executions/{id}")
    public Uni<ExecutionResponse> get(@RestPath UUID id) {
        return executions.get(id);
    }

    @DELETE
    @Path("/executions/{id}")
    public Uni<ExecutionResponse> cancel(@RestPath UUID id) {
        return executions.cancel(id);
    }

    @GET
    @Path("/executions/{id}/items")
    public Uni<ItemStore.ItemPage> items(@RestPath UUID id, @RestQuery @DefaultValue("0") int offset,
            @RestQuery @DefaultValue("100") int limit, @RestQuery String step) {
        Pagination.check(offset, limit);
        return executions.get(id).chain(e -> items.page(id, step, offset, limit));
    }

    @GET
    @Path("/executions/{id}/items")
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ItemResponse> itemsNdjson(@RestPath UUID id, @RestQuery String step) {
        return executions.get(id).onItem().transformToMulti(e -> items.stream(id, step));
    }

    @GET
    @Path("/executions/{id}/items")
    @Produces(CSV)
    public Multi<String> itemsCsv(@RestPath UUID id, @RestQuery String step) {
        return executions.get(id).chain(e -> items.fieldNames(id, step)).onItem().transformToMulti(fields ->
                Multi.createBy().concatenating().streams(
                        Multi.createFrom().item(CsvFormat.header(fields)),
                        items.stream(id, step).map(item -> CsvFormat.row(item, fields))));
    }

    /** The execution's pages: status, renderer, attempts, errors and artifacts of each. */
    /** Every step run of the execution in the workflow's step order, with its attempts. */
    @GET
    @Path("/executions/{id}/steps")
    public Uni<List<StepRunView>> steps(@RestPath UUID id) {
        return executions.get(id).chain(e -> steps.list(id, e.workflowId(), e.workflowVersion()));
    }

    @GET
    @Path("/executions/{id}/tasks")
    public Uni<TaskRunStore.TaskRunPage> tasks(@RestPath UUID id, @RestQuery String status,
            @RestQuery @DefaultValue("0") int offset, @RestQuery @DefaultValue("100") int limit) {
        Pagination.check(offset, limit);
        if (status != null && !TASK_STATUSES.contains(status)) {
            throw ApiException.badRequest("status", "must be 'succeeded' or 'failed'");
        }
        return executions.get(id).chain(e -> tasks.page(id, status, offset, limit));
    }

    /** A file a task stored (a screenshot), with its content type. */
    @GET
    @Path("/executions/{id}/artifacts/{artifactId}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Uni<RestResponse<byte[]>> artifact(@RestPath UUID id, @RestPath UUID artifactId) {
        return tasks.artifact(id, artifactId).map(a -> RestResponse.ResponseBuilder.ok(a.data(), a.contentType())
                .header("Content-Disposition", "inline; filename=\"" + a.name() + "\"")
                .header("Cache-Control", "private, max-age=86400, immutable")
                .build());
    }
}
