package io.crawlify.orchestrator.auth;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.crawlify.orchestrator.api.Problem;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * API keys on every {@code /api} endpoint (health, metrics and OpenAPI stay open), sent as {@code X-API-Key} or
 * {@code Authorization: Bearer}. With no keys configured the API is open and a warning says so at startup.
 * <p>
 * Webhooks ({@code /api/v1/hooks/...}) are checked by their resource instead: a workflow whose webhook trigger
 * names a secret authenticates callers by the body's HMAC signature (senders such as GitHub cannot present an
 * API key); any other hook request needs an API key as usual.
 */
public class ApiKeyFilter {

    /** A webhook path exactly: a UUID and nothing else, so no other endpoint can be reached around the check. */
    private static final Pattern HOOK = Pattern.compile("/api/v1/hooks/[0-9A-Fa-f-]{36}/?");

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    void onStart(@Observes StartupEvent event) {
        if (!keys.configured()) {
            Log.warn("no API keys configured (CRAWLIFY_API_KEYS): the API accepts every request");
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || HOOK.matcher(path).matches()) {
            return Optional.empty();
        }
        return keys.check(request::getHeaderString).map(ApiKeyFilter::unauthorized);
    }

    public static Response unauthorized(ApiKeys.Refusal refusal) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "Unauthorized", refusal.detail(), refusal.field()))
                .build();
    }
}
