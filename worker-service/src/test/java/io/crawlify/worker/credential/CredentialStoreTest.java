package io.crawlify.worker.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.credential.CredentialCipher;
import io.crawlify.model.credential.CredentialException;
import io.crawlify.model.credential.MissingCredentialException;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The worker's credential reads against real PostgreSQL: the project's migrations are applied to a schema of this
 * test's own, rows are sealed as the orchestrator seals them, and the store decrypts, caches and names what is
 * missing.
 */
class CredentialStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "credential_store_test_" + UUID.randomUUID().toString().substring(0, 8);
    private static final CredentialCipher CIPHER = CredentialCipher.of(
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()), List.of());

    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void migrate() throws IOException {
        vertx = Vertx.vertx();
        pool = Pool.newInstance(PgBuilder.pool()
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setUser("postgres")
                        .setDatabase(System.getenv().getOrDefault("TEST_DB_NAME", "crawlify_test"))
                        .setProperties(Map.of("search_path", SCHEMA)))
                .with(new PoolOptions().setMaxSize(2))
                .using(vertx.getDelegate()).build());
        pool.query("create schema " + SCHEMA).execute().await().atMost(Duration.ofSeconds(10));
        try (Stream<Path> files = Files.list(Path.of("..", "migrations"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList()) {
                pool.query(Files.readString(file)).execute().await().atMost(Duration.ofSeconds(10));
            }
        }
    }

    @AfterAll
    static void drop() {
        pool.query("drop schema " + SCHEMA + " cascade").execute().await().atMost(Duration.ofSeconds(10));
        pool.close().await().atMost(Duration.ofSeconds(5));
        vertx.close().await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void decryptsStringAndObjectValues() throws Exception {
        store("api-token", "\"tok-1\"");
        store("shop-login", "{\"username\": \"alice\", \"password\": \"s3cret\"}");

        Map<String, JsonNode> values = resolve(new CredentialStore(pool, CIPHER, Duration.ofSeconds(30)),
                Set.of("api-token", "shop-login"));

        assertEquals("tok-1", values.get("api-token").asText());
        assertEquals("s3cret", values.get("shop-login").get("password").asText());
    }

    @Test
    void namesEveryMissingOrDeletedCredential() throws Exception {
        store("present", "\"x\"");
        store("deleted", "\"y\"");
        pool.query("update credentials set deleted_at = now() where name = 'deleted'").execute().await().indefinitely();

        var missing = assertThrows(MissingCredentialException.class,
                () -> resolve(new CredentialStore(pool, CIPHER, Duration.ofSeconds(30)), Set.of("present", "deleted", "nope")));
        assertEquals(List.of("deleted", "nope"), missing.names());
        assertTrue(missing.getMessage().contains("'deleted'") && missing.getMessage().contains("'nope'"),
                missing.getMessage());
    }

    @Test
    void reusesAValueUntilItsTtlRunsOut() throws Exception {
        store("rotating", "\"v1\"");
        CredentialStore cached = new CredentialStore(pool, CIPHER, Duration.ofMinutes(5));
        CredentialStore uncached = new CredentialStore(pool, CIPHER, Duration.ZERO);
        assertEquals("v1", resolve(cached, Set.of("rotating")).get("rotating").asText());
        assertEquals("v1", resolve(uncached, Set.of("rotating")).get("rotating").asText());

        pool.query("delete from credentials where name = 'rotating'").execute().await().indefinitely();
        store("rotating", "\"v2\"");

        assertEquals("v1", resolve(cached, Set.of("rotating")).get("rotating").asText());
        assertEquals("v2", resolve(uncached, Set.of("rotating")).get("rotating").asText());
    }

    @Test
    void failsClearlyWithoutAKeyOrWithAnotherKey() throws Exception {
        store("sealed", "\"v\"");
        var disabled = assertThrows(CredentialException.class, () -> resolve(
                new CredentialStore(pool, CredentialCipher.disabled(CredentialCipher.NO_KEY), Duration.ZERO),
                Set.of("sealed")));
        assertTrue(disabled.getMessage().contains("CRAWLIFY_CREDENTIALS_KEY"), disabled.getMessage());

        CredentialCipher other = CredentialCipher.of(
                Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes()), List.of());
        var wrongKey = assertThrows(CredentialException.class,
                () -> resolve(new CredentialStore(pool, other, Duration.ZERO), Set.of("sealed")));
        assertTrue(wrongKey.getMessage().contains("'sealed'"), wrongKey.getMessage());
    }

    @Test
    void resolvesNothingWithoutAQuery() {
        assertEquals(Map.of(), resolve(new CredentialStore(pool, CIPHER, Duration.ZERO), Set.of()));
    }

    private static Map<String, JsonNode> resolve(CredentialStore store, Set<String> names) {
        return store.resolve(names).await().atMost(Duration.ofSeconds(10));
    }

    private static void store(String name, String valueJson) throws IOException {
        CredentialCipher.Sealed sealed = CIPHER.seal(name, JSON.readTree(valueJson));
        pool.preparedQuery("""
                insert into credentials (id, name, type, ciphertext, nonce, key_id)
                values ($1, $2, 'secret', $3, $4, $5)""")
                .execute(Tuple.of(UUID.randomUUID(), name, Buffer.buffer(sealed.ciphertext()),
                        Buffer.buffer(sealed.nonce()), sealed.keyId()))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
