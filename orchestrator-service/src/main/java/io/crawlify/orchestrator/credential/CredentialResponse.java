package io.crawlify.orchestrator.credential;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A credential as the API shows it: metadata only. The value is write-only; {@code fields} names an object value's
 * fields ({@code kind} {@code object}) and is empty for a string value. {@code keyId} is the fingerprint of the key
 * that encrypted it (rotation leaves older ids until the value is written again).
 */
public record CredentialResponse(UUID id, String name, String type, String description, String kind,
        List<String> fields, String keyId, Instant createdAt, Instant updatedAt) {
}
