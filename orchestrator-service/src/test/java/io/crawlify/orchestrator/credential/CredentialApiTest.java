package io.crawlify.orchestrator.credential;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.credential.CredentialCipher;
import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.crawlify.testsupport.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Credentials CRUD: values go in and never come out; PostgreSQL holds AES-GCM ciphertext the workers can open. */
@QuarkusTest
@QuarkusTestResource(CrawlifyTestResources.class)
class CredentialApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every response body of a test, searched for the secrets at the end. */
    private final List<String> bodies = new ArrayList<>();

    @Test
    void storesValuesEncryptedAndNeverReturnsThem() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String token = "tok-" + UUID.randomUUID();
        String password = "pw-" + UUID.randomUUID();
        String tokenName = "api-token-" + suffix;
        String loginName = "shop-login-" + suffix;

        Response created = given().contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"type\": \"bearer\", \"description\": \"the shop API\", \"value\": \"%s\"}"
                        .formatted(tokenName, token))
                .when().post("/api/v1/credentials");
        record(created).then().statusCode(201)
                .header("Location", endsWith("/api/v1/credentials/" + tokenName))
                .body("name", equalTo(tokenName)).body("type", equalTo("bearer"))
                .body("kind", equalTo("string")).body("fields.size()", equalTo(0))
                .body("description", equalTo("the shop API")).body("value", nullValue());
        record(given().contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"type\": \"basic\", \"value\": {\"username\": \"alice\", \"password\": \"%s\"}}"
                        .formatted(loginName, password))
                .when().post("/api/v1/credentials")).then().statusCode(201)
                .body("kind", equalTo("object")).body("fields", equalTo(List.of("username", "password")));

        record(given().when().get("/api/v1/credentials?limit=1000")).then().statusCode(200)
                .body("items.name", hasItem(tokenName)).body("items.name", hasItem(loginName));
        record(given().when().get("/api/v1/credentials/" + loginName)).then().statusCode(200)
                .body("type", equalTo("basic")).body("value", nullValue());

        // At rest: ciphertext, nonce and key id; no column holds the plaintext; the shared key opens it.
        Map<String, Object> row = Db.rows("select * from credentials where name = ? and deleted_at is null", loginName)
                .get(0);
        byte[] ciphertext = (byte[]) row.get("ciphertext");
        byte[] nonce = (byte[]) row.get("nonce");
        assertThat(nonce).hasSize(12);
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(password).doesNotContain("alice");
        assertThat(Db.count("select count(*) from credentials c where c::text like ?", "%" + password + "%")).isZero();
        CredentialCipher cipher = CredentialCipher.of(CrawlifyTestResources.CREDENTIALS_KEY, List.of());
        assertThat(row.get("key_id")).isEqualTo(cipher.keyId());
        JsonNode opened = cipher.open(loginName, new CredentialCipher.Sealed((String) row.get("key_id"), nonce, ciphertext));
        assertThat(opened).isEqualTo(JSON.readTree("{\"username\": \"alice\", \"password\": \"" + password + "\"}"));

        // Replace: new value and description, sealed anew.
        String newToken = "tok-" + UUID.randomUUID();
        record(given().contentType(ContentType.JSON).body("{\"value\": \"%s\"}".formatted(newToken))
                .when().put("/api/v1/credentials/" + tokenName)).then().statusCode(200)
                .body("type", equalTo("bearer")).body("description", nullValue());
        Map<String, Object> replaced = Db.rows("select * from credentials where name = ? and deleted_at is null",
                tokenName).get(0);
        assertThat(cipher.open(tokenName, new CredentialCipher.Sealed((String) replaced.get("key_id"),
                (byte[]) replaced.get("nonce"), (byte[]) replaced.get("ciphertext"))).asText()).isEqualTo(newToken);

        // Delete: gone from the API, the row keeps no ciphertext, the name is free again.
        record(given().when().delete("/api/v1/credentials/" + tokenName)).then().statusCode(204);
        record(given().when().get("/api/v1/credentials/" + tokenName)).then().statusCode(404).contentType(PROBLEM);
        assertThat((byte[]) Db.rows("select ciphertext from credentials where name = ? and deleted_at is not null",
                tokenName).get(0).get("ciphertext")).isEmpty();
        record(given().contentType(ContentType.JSON).body("{\"name\": \"%s\", \"value\": \"%s\"}".formatted(tokenName, token))
                .when().post("/api/v1/credentials")).then().statusCode(201).body("type", equalTo("secret"));
        record(given().when().get("/api/v1/credentials?limit=1000")).then().statusCode(200)
                .body("items.name", hasItem(tokenName));

        for (String body : bodies) {
            assertThat(body).doesNotContain(token).doesNotContain(newToken).doesNotContain(password);
        }
    }

    @Test
    void answersMistakesWithProblemsNamingTheField() {
        String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("{\"name\": \"%s\", \"value\": \"v\"}".formatted(name))
                .when().post("/api/v1/credentials").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"name\": \"%s\", \"value\": \"other\"}".formatted(name))
                .when().post("/api/v1/credentials").then().statusCode(409).contentType(PROBLEM)
                .body("field", equalTo("name"));

        expectBadRequest("{\"value\": \"v\"}", "name");
        expectBadRequest("{\"name\": \"has space\", \"value\": \"v\"}", "name");
        expectBadRequest("{\"name\": \"n1\"}", "value");
        expectBadRequest("{\"name\": \"n1\", \"value\": 42}", "value");
        expectBadRequest("{\"name\": \"n1\", \"value\": {\"port\": 5432}}", "value.port");
        expectBadRequest("{\"name\": \"n1\", \"type\": \"basic\", \"value\": {\"username\": \"a\"}}", "value.password");
        expectBadRequest("{\"name\": \"n1\", \"type\": \"header\", \"value\": \"x\"}", "value");
        expectBadRequest("{\"name\": \"n1\", \"type\": \"Not A Type\", \"value\": \"x\"}", "type");
        expectBadRequest("{\"name\": \"n1\", \"valeu\": \"x\"}", "valeu");
        given().contentType(ContentType.JSON).body("{\"name\": \"other\", \"value\": \"v\"}")
                .when().put("/api/v1/credentials/" + name).then().statusCode(400).body("field", equalTo("name"));

        given().when().get("/api/v1/credentials/missing-one").then().statusCode(404).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"value\": \"v\"}")
                .when().put("/api/v1/credentials/missing-one").then().statusCode(404).contentType(PROBLEM);
        given().when().delete("/api/v1/credentials/missing-one").then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/credentials?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        given().when().get("/api/v1/credentials").then().statusCode(200).body("items.name", not(hasItem("n1")));
    }

    private static void expectBadRequest(String body, String field) {
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/credentials")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo(field));
    }

    private Response record(Response response) {
        bodies.add(response.asString());
        return response;
    }
}
