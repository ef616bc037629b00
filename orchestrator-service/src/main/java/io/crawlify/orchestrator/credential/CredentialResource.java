package io.crawlify.orchestrator.credential;

import java.net.URI;

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

import io.crawlify.orchestrator.workflow.Pagination;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/credentials}: write-only values, metadata out. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialResource {

    private final CredentialService credentials;

    public CredentialResource(CredentialService credentials) {
        this.credentials = credentials;
    }

    @POST
    @Path("/credentials")
    public Uni<RestResponse<CredentialResponse>> create(JsonNode body) {
        return credentials.create(body).map(c -> RestResponse.ResponseBuilder
                .<CredentialResponse>created(URI.create("/api/v1/credentials/" + c.name())).entity(c).build());
    }

    @GET
    @Path("/credentials")
    public Uni<CredentialService.CredentialPage> list(@RestQuery @DefaultValue("0") int offset,
            @RestQuery @DefaultValue("50") int limit) {
        Pagination.check(offset, limit);
        return credentials.list(offset, limit);
    }

    @GET
    @Path("/credentials/{name}")
    public Uni<CredentialResponse> get(@RestPath String name) {
        return credentials.get(name);
    }

    @PUT
    @Path("/credentials/{name}")
    public Uni<CredentialResponse> replace(@RestPath String name, JsonNode body) {
        return credentials.replace(name, body);
    }

    @DELETE
    @Path("/credentials/{name}")
    public Uni<RestResponse<Void>> delete(@RestPath String name) {
        return credentials.delete(name).map(v -> RestResponse.noContent());
    }
}
