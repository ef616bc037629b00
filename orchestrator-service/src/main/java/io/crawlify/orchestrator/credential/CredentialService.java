package io.crawlify.orchestrator.credential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.credential.CredentialCipher;
import io.crawlify.model.credential.CredentialCipher.Sealed;
import io.crawlify.model.credential.CredentialException;
import io.crawlify.model.credential.MissingCredentialException;
import io.crawlify.orchestrator.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Credential CRUD: validate → seal with the name as associated data → store. Reads return metadata only; the
 * value leaves this class decrypted only through {@link #reveal}, for the orchestrator's own use (webhook
 * signatures), never for a response.
 */
@ApplicationScoped
public class CredentialService {

    /** A page of credentials and how many there are in all. */
    public record CredentialPage(List<CredentialResponse> items, int offset, int limit, long total) {
    }

    private static final String COLUMNS = "id, name, type, description, fields, key_id, created_at, updated_at";

    private final Pool pool;
    private final CredentialCipher cipher;

    public CredentialService(Pool pool, CredentialCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    public Uni<CredentialResponse> create(JsonNode body) {
        CredentialRequest request = CredentialRequest.parse(body, null, null);
        Sealed sealed = seal(request);
        return pool.preparedQuery("""
                insert into credentials (id, name, type, description, fields, ciphertext, nonce, key_id)
                values ($1, $2, $3, $4, $5, $6, $7, $8)
                on conflict (name) where deleted_at is null do nothing
                returning\s""" + COLUMNS)
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), request.name(), request.type(),
                        request.description(), request.fields().toArray(String[]::new),
                        Buffer.buffer(sealed.ciphertext()), Buffer.buffer(sealed.nonce()), sealed.keyId())))
                .map(rows -> single(rows).orElseThrow(() -> new ApiException(409, "Conflict",
                        "credential '" + request.name() + "' already exists", "name")));
    }

    public Uni<CredentialPage> list(int offset, int limit) {
        Uni<List<CredentialResponse>> page = pool.preparedQuery("select " + COLUMNS
                + " from credentials where deleted_at is null order by name offset $1 limit $2")
                .execute(Tuple.of(offset, limit))
                .map(rows -> {
                    List<CredentialResponse> items = new ArrayList<>();
                    rows.forEach(row -> items.add(toResponse(row)));
                    return items;
                });
        Uni<Long> total = pool.query("select count(*) from credentials where deleted_at is null").execute()
                .map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(page, total).with((items, n) -> new CredentialPage(items, offset, limit, n));
    }

    public Uni<CredentialResponse> get(String name) {
        return pool.preparedQuery("select " + COLUMNS + " from credentials where name = $1 and deleted_at is null")
                .execute(Tuple.of(name))
                .map(rows -> single(rows).orElseThrow(() -> notFound(name)));
    }

    /** Replaces the value, description and (when given) type; the value is sealed anew under the current key. */
    public Uni<CredentialResponse> replace(String name, JsonNode body) {
        return get(name).chain(current -> {
            CredentialRequest request = CredentialRequest.parse(body, name, current.type());
            Sealed sealed = seal(request);
            return pool.preparedQuery("""
                    update credentials set type = $2, description = $3, fields = $4, ciphertext = $5, nonce = $6,
                      key_id = $7, updated_at = now()
                    where name = $1 and deleted_at is null
                    returning\s""" + COLUMNS)
                    .execute(Tuple.from(Arrays.asList(name, request.type(), request.description(),
                            request.fields().toArray(String[]::new), Buffer.buffer(sealed.ciphertext()),
                            Buffer.buffer(sealed.nonce()), sealed.keyId())))
                    .map(rows -> single(rows).orElseThrow(() -> notFound(name)));
        });
    }

    /** Deletes the credential: the row stays for audit without its ciphertext, and the name is free again. */
    public Uni<Void> delete(String name) {
        return pool.preparedQuery("""
                update credentials set deleted_at = now(), updated_at = now(), ciphertext = '\\x'::bytea,
                  nonce = '\\x'::bytea
                where name = $1 and deleted_at is null""")
                .execute(Tuple.of(name))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw notFound(name);
                    }
                })
                .replaceWithVoid();
    }

    /** The decrypted value of a live credential, for use inside the orchestrator only. */
    public Uni<JsonNode> reveal(String name) {
        return pool.preparedQuery("select key_id, nonce, ciphertext from credentials where name = $1 and deleted_at is null")
                .execute(Tuple.of(name))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw new MissingCredentialException(java.util.Set.of(name));
                    }
                    Row row = it.next();
                    return cipher.open(name, new Sealed(row.getString("key_id"), row.getBuffer("nonce").getBytes(),
                            row.getBuffer("ciphertext").getBytes()));
                });
    }

    private Sealed seal(CredentialRequest request) {
        try {
            return cipher.seal(request.name(), request.value());
        } catch (CredentialException e) {
            throw new ApiException(503, "Service Unavailable", e.getMessage(), null);
        }
    }

    private static java.util.Optional<CredentialResponse> single(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? java.util.Optional.of(toResponse(it.next())) : java.util.Optional.empty();
    }

    private static CredentialResponse toResponse(Row row) {
        List<String> fields = Arrays.asList(row.getArrayOfStrings("fields"));
        return new CredentialResponse(row.getUUID("id"), row.getString("name"), row.getString("type"),
                row.getString("description"), fields.isEmpty() ? "string" : "object", fields,
                row.getString("key_id"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }

    private static ApiException notFound(String name) {
        return new ApiException(404, "Not Found", "credential '" + name + "' does not exist", null);
    }
}
