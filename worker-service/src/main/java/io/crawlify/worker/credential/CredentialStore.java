package io.crawlify.worker.credential;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.credential.CredentialCipher;
import io.crawlify.model.credential.CredentialException;
import io.crawlify.model.credential.MissingCredentialException;
import io.crawlify.worker.config.CredentialsConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Credential values for the steps that use them: read from PostgreSQL, decrypted with the key both services share,
 * and kept for {@code crawlify.credentials.cache-ttl}. Values never leave as text: callers put them where they go
 * (a header, a template) and must keep them out of logs, events and outputs.
 */
@ApplicationScoped
public class CredentialStore {

    private record Cached(JsonNode value, long expiresAtNanos) {
    }

    private final Pool pool;
    private final CredentialCipher cipher;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public CredentialStore(Pool pool, CredentialCipher cipher, CredentialsConfig config) {
        this(pool, cipher, config.cacheTtl());
    }

    CredentialStore(Pool pool, CredentialCipher cipher, Duration ttl) {
        this.pool = pool;
        this.cipher = cipher;
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * The values of {@code names} (a string, or an object of string fields, each as written). Fails with
     * {@link MissingCredentialException} naming every credential that does not exist, and with a
     * {@link CredentialException} when no key is configured or a value does not decrypt.
     */
    public Uni<Map<String, JsonNode>> resolve(Set<String> names) {
        Map<String, JsonNode> found = new HashMap<>();
        Set<String> toRead = new HashSet<>();
        long now = System.nanoTime();
        for (String name : names) {
            Cached cached = cache.get(name);
            if (cached != null && now - cached.expiresAtNanos() < 0) {
                found.put(name, cached.value());
            } else {
                toRead.add(name);
            }
        }
        if (toRead.isEmpty()) {
            return Uni.createFrom().item(Map.copyOf(found));
        }
        if (!cipher.enabled()) {
            return Uni.createFrom().failure(new CredentialException(cipher.disabledReason()));
        }
        return pool.preparedQuery("""
                select name, key_id, nonce, ciphertext from credentials
                where name = any($1) and deleted_at is null""")
                .execute(Tuple.of(toRead.toArray(String[]::new)))
                .map(rows -> {
                    for (Row row : rows) {
                        String name = row.getString("name");
                        JsonNode value = cipher.open(name, new CredentialCipher.Sealed(row.getString("key_id"),
                                row.getBuffer("nonce").getBytes(), row.getBuffer("ciphertext").getBytes()));
                        cache.put(name, new Cached(value, System.nanoTime() + ttlNanos));
                        found.put(name, value);
                        toRead.remove(name);
                    }
                    if (!toRead.isEmpty()) {
                        throw new MissingCredentialException(toRead);
                    }
                    return Map.copyOf(found);
                });
    }
}
