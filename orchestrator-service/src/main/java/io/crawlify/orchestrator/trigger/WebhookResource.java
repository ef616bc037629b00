package io.crawlify.orchestrator.trigger;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.crawlify.orchestrator.auth.ApiKeyFilter;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/hooks/{workflowId}}: any body (JSON, or empty for {}) becomes the input of a new execution;
 * answers 202 at once. The API key filter leaves this path to {@link WebhookService}: signed webhooks are
 * authenticated by their signature, the others by the API key.
 */
@Path("/api/v1")
public class WebhookResource {

    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Path("/hooks/{workflowId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<WebhookResponse>> receive(@RestPath UUID workflowId, HttpHeaders headers, byte[] body) {
        return webhooks.receive(workflowId, body, headers::getHeaderString).map(RestResponse::accepted);
    }

    @ServerExceptionMapper
    public Response apiKeyRequired(WebhookService.ApiKeyRequired e) {
        return ApiKeyFilter.unauthorized(e.refusal());
    }
}
