package io.crawlify.model.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

class JsonSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonNode ORDER = json("""
            {"type": "object", "required": ["id", "lines"],
             "properties": {"id": {"type": "string", "minLength": 1},
                            "lines": {"type": "array", "items": {"type": "object", "required": ["qty"],
                                      "properties": {"qty": {"type": "integer", "minimum": 1}}}},
                            "odd key": {"type": "boolean"}}}
            """);

    @Test
    void aConformingValueHasNoViolations() {
        assertEquals(List.of(), JsonSchemas.validate(ORDER, json("{\"id\": \"o1\", \"lines\": [{\"qty\": 2}]}")));
    }

    @Test
    void violationsNameTheInstancePaths() {
        List<JsonSchemas.Violation> violations = JsonSchemas.validate(ORDER,
                json("{\"id\": \"\", \"lines\": [{\"qty\": 2}, {\"qty\": 0}, {}], \"odd key\": 1}"));
        assertEquals(List.of("$.id", "$.lines[1].qty", "$.lines[2]", "$['odd key']"),
                violations.stream().map(JsonSchemas.Violation::path).sorted().toList());
        assertTrue(violations.stream().allMatch(v -> !v.message().isBlank()));
    }

    @Test
    void aValidSchemaHasNoProblems() {
        assertEquals(List.of(), JsonSchemas.schemaProblems(ORDER));
        assertEquals(List.of(), JsonSchemas.schemaProblems(json("true")));
    }

    @Test
    void anInvalidSchemaIsReported() {
        List<JsonSchemas.Violation> problems = JsonSchemas.schemaProblems(
                json("{\"type\": \"object\", \"properties\": {\"age\": {\"type\": \"integr\"}}, \"minProperties\": -1}"));
        assertEquals(List.of("$.minProperties", "$.properties.age.type"),
                problems.stream().map(JsonSchemas.Violation::path).distinct().sorted().toList());
    }

    @Test
    void honoursTheDraftNamedBySchema() {
        JsonNode draft7 = json("""
                {"$schema": "http://json-schema.org/draft-07/schema#", "type": "array",
                 "items": [{"type": "string"}], "additionalItems": false}
                """);
        assertEquals(List.of(), JsonSchemas.schemaProblems(draft7));
        assertEquals(1, JsonSchemas.validate(draft7, json("[\"a\", 1]")).size());
        assertEquals(List.of(), JsonSchemas.validate(draft7, json("[\"a\"]")));

        assertEquals("$.$schema", JsonSchemas.schemaProblems(json("{\"$schema\": \"https://example.invalid/my-dialect\"}"))
                .get(0).path());
    }

    @Test
    void referencesInsideTheSchemaResolve() {
        JsonNode schema = json("""
                {"$defs": {"sku": {"type": "string", "pattern": "^SKU-[0-9]+$"}},
                 "type": "array", "items": {"$ref": "#/$defs/sku"}}
                """);
        assertEquals(List.of(), JsonSchemas.schemaProblems(schema));
        assertEquals(List.of("$[1]"), JsonSchemas.validate(schema, json("[\"SKU-1\", \"sku-2\"]")).stream()
                .map(JsonSchemas.Violation::path).toList());
    }

    /** A schema is user input: a remote $ref must not make the orchestrator or a worker fetch anything. */
    @Test
    void remoteReferencesAreNotFetched() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = "{\"type\": \"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            JsonNode remote = json("{\"$ref\": \"http://127.0.0.1:" + server.getAddress().getPort() + "/s.json\"}");

            List<JsonSchemas.Violation> problems = JsonSchemas.schemaProblems(remote);

            assertEquals(1, problems.size(), problems.toString());
            assertThrows(RuntimeException.class, () -> JsonSchemas.validate(remote, json("1")));
            assertEquals(0, hits.get());
        } finally {
            server.stop(0);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
