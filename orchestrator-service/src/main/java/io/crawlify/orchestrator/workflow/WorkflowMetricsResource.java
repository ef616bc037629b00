package io.crawlify.orchestrator.workflow;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowMetricsResource {

    private final WorkflowMetrics metrics;

    public WorkflowMetricsResource(WorkflowMetrics metrics) {
        this.metrics = metrics;
    }

    /** Executions by status, durations of finished executions, and failures by step. */
    @GET
    @Path("/workflows/{id}/metrics")
    public Uni<WorkflowMetrics.Report> metrics(@RestPath UUID id) {
        return metrics.report(id);
    }
}
