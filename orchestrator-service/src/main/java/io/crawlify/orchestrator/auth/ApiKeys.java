package io.crawlify.orchestrator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import io.crawlify.orchestrator.config.OrchestratorConfig;

/**
 * The configured API keys and the check of a request against them: {@code X-API-Key} or
 * {@code Authorization: Bearer}, compared in constant time. With no keys configured every request passes.
 */
@ApplicationScoped
public class ApiKeys {

    /** Why a request was refused: the detail to answer with, and the header at fault (or null). */
    public record Refusal(String detail, String field) {
    }

    private final List<byte[]> keys;

    public ApiKeys(OrchestratorConfig config) {
        this.keys = config.api().keys().orElse(List.of()).stream().filter(k -> !k.isBlank())
                .map(k -> k.strip().getBytes(StandardCharsets.UTF_8)).toList();
    }

    public boolean configured() {
        return !keys.isEmpty();
    }

    /** Empty when the request may pass; {@code header} reads a request header by name. */
    public Optional<Refusal> check(Function<String, String> header) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String presented = presentedKey(header);
        if (presented != null && matches(presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(presented == null
                ? new Refusal("an API key is required (X-API-Key or Authorization: Bearer)", "X-API-Key")
                : new Refusal("unknown API key", null));
    }

    private static String presentedKey(Function<String, String> header) {
        String key = header.apply("X-API-Key");
        if (key != null) {
            return key.strip();
        }
        String authorization = header.apply(HttpHeaders.AUTHORIZATION);
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
