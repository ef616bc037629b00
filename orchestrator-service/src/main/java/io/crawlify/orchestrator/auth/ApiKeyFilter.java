package io.crawlify.orchestrator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.crawlify.orchestrator.api.Problem;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * API keys on every {@code /api} endpoint (health, metrics and OpenAPI stay open), sent as {@code X-API-Key} or
 * {@code Authorization: Bearer}. With no keys configured the API is open and a warning says so at startup.
 */
public class ApiKeyFilter {

    private final List<byte[]> keys;

    public ApiKeyFilter(OrchestratorConfig config) {
        this.keys = config.api().keys().orElse(List.of()).stream().filter(k -> !k.isBlank())
                .map(k -> k.strip().getBytes(StandardCharsets.UTF_8)).toList();
    }

    void onStart(@Observes StartupEvent event) {
        if (keys.isEmpty()) {
            Log.warn("no API keys configured (CRAWLIFY_API_KEYS): the API accepts every request");
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireKey(ContainerRequestContext request) {
        if (keys.isEmpty() || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String presented = presentedKey(request);
        if (presented != null && matches(presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "Unauthorized", presented == null
                        ? "an API key is required (X-API-Key or Authorization: Bearer)" : "unknown API key",
                        presented == null ? "X-API-Key" : null))
                .build());
    }

    private static String presentedKey(ContainerRequestContext request) {
        String header = request.getHeaderString("X-API-Key");
        if (header != null) {
            return header.strip();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }

    /** Constant-time comparison against every key, so timing tells nothing about near misses. */
    private boolean matches(byte[] presented) {
        boolean found = false;
        for (byte[] key : keys) {
            found |= MessageDigest.isEqual(key, presented);
        }
        return found;
    }
}
