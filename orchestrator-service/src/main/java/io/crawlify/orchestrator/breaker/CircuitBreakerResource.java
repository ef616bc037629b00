package io.crawlify.orchestrator.breaker;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.orchestrator.workflow.Pagination;
import io.smallrye.mutiny.Uni;

/** Circuit breakers shared by the workers: their state, their settings, and a manual reset (no body). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CircuitBreakerResource {

    private final CircuitBreakerService breakers;

    public CircuitBreakerResource(CircuitBreakerService breakers) {
        this.breakers = breakers;
    }

    @GET
    @Path("/circuit-breakers")
    public Uni<CircuitBreakerService.BreakerPage> list(@RestQuery @DefaultValue("0") int offset,
            @RestQuery @DefaultValue("100") int limit) {
        Pagination.check(offset, limit);
        return breakers.list(offset, limit);
    }

    @GET
    @Path("/circuit-breakers/{name}")
    public Uni<BreakerView> get(@RestPath String name) {
        return breakers.get(name);
    }

    @PUT
    @Path("/circuit-breakers/{name}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<BreakerView> configure(@RestPath String name, JsonNode body) {
        return breakers.configure(name, body);
    }

    @POST
    @Path("/circuit-breakers/{name}/reset")
    public Uni<BreakerView> reset(@RestPath String name) {
        return breakers.reset(name);
    }
}
