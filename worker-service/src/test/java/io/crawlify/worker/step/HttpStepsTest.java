package io.crawlify.worker.step;

import static io.crawlify.worker.step.Steps.call;
import static io.crawlify.worker.step.Steps.context;
import static io.crawlify.worker.step.Steps.fail;
import static io.crawlify.worker.step.Steps.json;
import static io.crawlify.worker.step.Steps.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.worker.http.TargetGuard;
import io.vertx.mutiny.core.Vertx;

/** http_request and webhook_call against a server started by the test, through the runner as workers run them. */
class HttpStepsTest {

    private static final String CREDENTIALS = """
            {"api": "tok-123456", "login": {"username": "ada", "password": "pa55word"}, "key": {"value": "k-98765"},
             "headers": {"X-Api-Key": "h-1111", "X-Tenant": "acme"}}
            """;

    private Vertx vertx;
    private TestServer server;
    private StepRunner runner;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = new TestServer();
        runner = Steps.runner(vertx);
    }

    @AfterEach
    void stop() {
        server.close();
        vertx.closeAndAwait();
    }

    @Test
    void getsJsonWithTemplatedUrlQueryAndHeaders() {
        server.respond("/users/42", 200, "application/json; charset=utf-8", "{\"id\": 42, \"tags\": [\"a\"]}");
        JsonNode context = context("{\"user\": 42, \"lang\": \"en gb\"}");

        StepResult result = run(runner, call("http_request", """
                {"url": "%s/users/{{ input.user }}?x=1", "query": {"lang": "{{ input.lang }}", "n": 7},
                 "headers": {"X-Trace": "exec-{{ execution.id }}"}}
                """.formatted(server.url("")), context));

        assertEquals(200, result.output().get("status").intValue());
        assertEquals(json("{\"id\": 42, \"tags\": [\"a\"]}"), result.output().get("body"));
        assertEquals("application/json; charset=utf-8", result.output().get("headers").get("content-type").textValue());
        TestServer.Seen seen = server.last();
        assertEquals("GET", seen.method());
        assertEquals("x=1&lang=en%20gb&n=7", seen.query());
        assertEquals("exec-exec-1", seen.header("X-Trace"));
        assertEquals("Crawlify-Test/1", seen.header("User-Agent"));
        assertTrue(result.logs().contains("GET " + server.url("/users/42")), result.logs());
    }

    @Test
    void postsARenderedJsonBody() {
        server.respond("/orders", 201, "application/json", "{\"created\": true}");

        StepResult result = run(runner, call("http_request", """
                {"method": "post", "url": "%s", "body": {"sku": "{{ input.sku }}", "qty": "{{ input.qty }}",
                 "lines": "{{ input.lines }}", "note": "for {{ input.sku }}"}}
                """.formatted(server.url("/orders")), context("{\"sku\": \"A1\", \"qty\": 3, \"lines\": [1, 2]}")));

        assertEquals(201, result.output().get("status").intValue());
        assertEquals("POST", server.last().method());
        assertEquals("application/json", server.last().header("Content-Type"));
        assertEquals(json("{\"sku\": \"A1\", \"qty\": 3, \"lines\": [1, 2], \"note\": \"for A1\"}"),
                json(server.last().body()));
    }

    @Test
    void sendsARawBodyWithItsContentType() {
        server.respond("/raw", 200, "text/plain", "ok");

        StepResult result = run(runner, call("http_request", """
                {"method": "PUT", "url": "%s", "rawBody": "a,b\\n{{ input.n }},2", "contentType": "text/csv"}
                """.formatted(server.url("/raw")), context("{\"n\": 1}")));

        assertEquals("a,b\n1,2", server.last().body());
        assertEquals("text/csv", server.last().header("Content-Type"));
        assertEquals("ok", result.output().get("body").textValue());
    }

    @Test
    void appliesEachKindOfAuthFromItsCredential() {
        server.respond("/auth", 200, "text/plain", "ok");
        JsonNode context = context("{}", Map.of(), CREDENTIALS);
        String url = server.url("/auth");

        run(runner, call("http_request", "{\"url\": \"" + url + "\", \"auth\": {\"type\": \"bearer\", \"credential\": \"api\"}}", context));
        assertEquals("Bearer tok-123456", server.last().header("Authorization"));

        run(runner, call("http_request", "{\"url\": \"" + url + "\", \"auth\": {\"type\": \"basic\", \"credential\": \"login\"}}", context));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("ada:pa55word".getBytes(StandardCharsets.UTF_8)),
                server.last().header("Authorization"));

        run(runner, call("http_request", "{\"url\": \"" + url + "\", \"auth\": {\"type\": \"header\", \"credential\": \"key\", \"name\": \"X-Api-Key\"}}", context));
        assertEquals("k-98765", server.last().header("X-Api-Key"));

        // A credential of header names to values (the credentials API's "header" type): all of them, or the named one.
        run(runner, call("http_request", "{\"url\": \"" + url + "\", \"auth\": {\"type\": \"header\", \"credential\": \"headers\"}}", context));
        assertEquals("h-1111", server.last().header("X-Api-Key"));
        assertEquals("acme", server.last().header("X-Tenant"));
        run(runner, call("http_request", "{\"url\": \"" + url + "\", \"auth\": {\"type\": \"header\", \"credential\": \"headers\", \"name\": \"x-tenant\"}}", context));
        assertEquals("acme", server.last().header("X-Tenant"));
        assertNull(server.last().header("X-Api-Key"));
        assertEquals(StepFailure.CONFIG, fail(runner, call("http_request", "{\"url\": \"" + url
                + "\", \"auth\": {\"type\": \"header\", \"credential\": \"api\"}}", context)).kind());

        run(runner, call("http_request", "{\"url\": \"" + url + "?a=1\", \"auth\": {\"type\": \"query\", \"credential\": \"api\", \"name\": \"token\"}}", context));
        assertEquals("a=1&token=tok-123456", server.last().query());

        // A template may read a credential too.
        run(runner, call("http_request", "{\"url\": \"" + url + "\", \"headers\": {\"X-Sig\": \"{{ credentials.login.username }}\"}}", context));
        assertEquals("ada", server.last().header("X-Sig"));
    }

    @Test
    void aMissingCredentialIsAConfigFailure() {
        StepFailure failure = fail(runner, call("http_request", "{\"url\": \"" + server.url("/x")
                + "\", \"auth\": {\"type\": \"bearer\", \"credential\": \"absent\"}}", context("{}")));

        assertEquals(StepFailure.CONFIG, failure.kind());
        assertTrue(failure.getMessage().contains("'absent'"), failure.getMessage());
        assertEquals(List.of(), server.requests());
    }

    @Test
    void anUnexpectedStatusFailsWithTheStatusAndTheResponse() {
        server.respond("/boom", 503, "application/json", "{\"error\": \"busy\"}");

        StepFailure failure = fail(runner, call("http_request", "{\"url\": \"" + server.url("/boom") + "\"}",
                context("{}")));

        assertEquals(StepFailure.HTTP_STATUS, failure.kind());
        assertEquals(503, failure.httpStatus());
        assertEquals(json("{\"error\": \"busy\"}"), failure.output().get("body"));
        assertEquals(503, failure.output().get("status").intValue());
    }

    @Test
    void expectStatusDecidesWhatSucceeds() {
        server.respond("/missing", 404, "text/plain", "none");
        server.respond("/ok", 200, "text/plain", "fine");

        StepResult result = run(runner, call("http_request", "{\"url\": \"" + server.url("/missing")
                + "\", \"expectStatus\": [200, 404]}", context("{}")));
        assertEquals(404, result.output().get("status").intValue());

        StepFailure failure = fail(runner, call("http_request", "{\"url\": \"" + server.url("/ok")
                + "\", \"expectStatus\": [204]}", context("{}")));
        assertEquals(200, failure.httpStatus());
    }

    @Test
    void readsTheBodyAsAskedOrAsTheContentTypeSays() {
        server.respond("/json-as-text", 200, "application/json", "{\"a\": 1}");
        server.respond("/html", 200, "text/html", "<p>{\"a\": 1}</p>");
        server.respond("/not-json", 200, "application/json", "oops {");
        server.respond("/empty", 204, null, null);

        assertEquals("{\"a\": 1}", run(runner, call("http_request", "{\"url\": \"" + server.url("/json-as-text")
                + "\", \"responseType\": \"text\"}", context("{}"))).output().get("body").textValue());
        assertEquals("<p>{\"a\": 1}</p>", run(runner, call("http_request", "{\"url\": \"" + server.url("/html")
                + "\"}", context("{}"))).output().get("body").textValue());
        assertEquals("oops {", run(runner, call("http_request", "{\"url\": \"" + server.url("/not-json")
                + "\"}", context("{}"))).output().get("body").textValue());
        assertTrue(run(runner, call("http_request", "{\"url\": \"" + server.url("/empty") + "\"}", context("{}")))
                .output().get("body").isNull());

        StepFailure notJson = fail(runner, call("http_request", "{\"url\": \"" + server.url("/not-json")
                + "\", \"responseType\": \"json\"}", context("{}")));
        assertEquals(StepFailure.VALIDATION, notJson.kind());
    }

    @Test
    void followsRedirectsAndDropsCredentialsLeavingTheOrigin() throws Exception {
        try (TestServer other = new TestServer()) {
            other.respond("/landing", 200, "text/plain", "elsewhere");
            server.route("/old", exchange -> {
                exchange.getResponseHeaders().add("Location", "/new");
                TestServer.send(exchange, 301, null, null);
            });
            server.respond("/new", 200, "text/plain", "moved");
            server.route("/away", exchange -> {
                exchange.getResponseHeaders().add("Location", other.url("/landing"));
                TestServer.send(exchange, 303, null, null);
            });
            JsonNode context = context("{}", Map.of(), CREDENTIALS);

            StepResult same = run(runner, call("http_request", "{\"url\": \"" + server.url("/old")
                    + "\", \"auth\": {\"type\": \"bearer\", \"credential\": \"api\"}}", context));
            assertEquals("moved", same.output().get("body").textValue());
            assertEquals("Bearer tok-123456", server.last().header("Authorization"));

            StepResult away = run(runner, call("http_request", "{\"method\": \"POST\", \"url\": \"" + server.url("/away")
                    + "\", \"body\": {\"a\": 1}, \"auth\": {\"type\": \"bearer\", \"credential\": \"api\"}}", context));
            assertEquals("elsewhere", away.output().get("body").textValue());
            TestServer.Seen landed = other.last();
            assertEquals("GET", landed.method());
            assertNull(landed.header("Authorization"));
            assertEquals("", landed.body());

            StepFailure notFollowed = fail(runner, call("http_request", "{\"url\": \"" + server.url("/old")
                    + "\", \"followRedirects\": false}", context));
            assertEquals(301, notFollowed.httpStatus());
            assertEquals("/new", notFollowed.output().get("headers").get("location").textValue());
        }
    }

    @Test
    void refusesPrivateTargetsUnlessAllowListed() {
        server.respond("/x", 200, "text/plain", "ok");
        StepRunner guarded = Steps.runner(vertx, Steps.Options.defaults().withGuard(new TargetGuard(true, List.of())));

        StepFailure refused = fail(guarded, call("http_request", "{\"url\": \"" + server.url("/x") + "\"}",
                context("{}")));

        assertEquals(StepFailure.CONFIG, refused.kind());
        assertTrue(refused.getMessage().contains("refusing internal address"), refused.getMessage());
        assertEquals(List.of(), server.requests());
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedToo() throws Exception {
        // The first hop is allow-listed by name, the redirect target (another loopback port) is checked again.
        server.route("/hop", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.2:9/internal");
            TestServer.send(exchange, 302, null, null);
        });
        StepRunner guarded = Steps.runner(vertx, Steps.Options.defaults()
                .withGuard(new TargetGuard(true, List.of("127.0.0.1"))));

        StepFailure refused = fail(guarded, call("http_request", "{\"url\": \"" + server.url("/hop") + "\"}",
                context("{}")));

        assertEquals(StepFailure.CONFIG, refused.kind());
        assertTrue(refused.getMessage().contains("127.0.0.2"), refused.getMessage());
    }

    @Test
    void capsTheResponseBody() {
        String big = "x".repeat(200_000);
        server.respond("/big", 200, "text/plain", big);
        server.respond("/small", 200, "text/plain", "y".repeat(1000));
        StepRunner capped = Steps.runner(vertx, Steps.Options.defaults().withMaxResponseBytes(64 * 1024));

        StepFailure tooLarge = fail(capped, call("http_request", "{\"url\": \"" + server.url("/big") + "\"}",
                context("{}")));
        assertEquals(StepFailure.VALIDATION, tooLarge.kind());
        assertTrue(tooLarge.getMessage().contains("exceeds 65536 bytes"), tooLarge.getMessage());

        assertEquals(1000, run(capped, call("http_request", "{\"url\": \"" + server.url("/small") + "\"}",
                context("{}"))).output().get("body").textValue().length());
    }

    @Test
    void aSlowServerTimesOut() {
        server.route("/slow", exchange -> {
            TestServer.sleep(3_000);
            TestServer.send(exchange, 200, "text/plain", "late");
        });
        long start = System.nanoTime();

        StepFailure failure = fail(runner, call("http_request", "{\"url\": \"" + server.url("/slow") + "\"}",
                context("{}"), Duration.ofMillis(400)));

        assertEquals(StepFailure.TIMEOUT, failure.kind());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_500, "timed out late");
    }

    @Test
    void aRefusedConnectionIsANetworkFailure() throws Exception {
        String closed;
        try (TestServer gone = new TestServer()) {
            closed = gone.url("/x");
        }
        StepFailure failure = fail(runner, call("http_request", "{\"url\": \"" + closed + "\"}", context("{}")));
        assertEquals(StepFailure.NETWORK, failure.kind());
    }

    @Test
    void aWebhookPostsByDefaultAndRecordsTheResponse() {
        server.respond("/hook", 202, "application/json", "{\"queued\": 1}");
        server.respond("/hook-down", 500, "text/plain", "down");

        StepResult result = run(runner, call("webhook_call", "{\"url\": \"" + server.url("/hook")
                + "\", \"body\": {\"event\": \"done\", \"execution\": \"{{ execution.id }}\"}}", context("{}")));

        assertEquals("POST", server.last().method());
        assertEquals(json("{\"event\": \"done\", \"execution\": \"exec-1\"}"), json(server.last().body()));
        assertEquals(json("{\"queued\": 1}"), result.output().get("body"));

        StepFailure failure = fail(runner, call("webhook_call", "{\"url\": \"" + server.url("/hook-down") + "\"}",
                context("{}")));
        assertEquals(StepFailure.HTTP_STATUS, failure.kind());
        assertEquals(500, failure.httpStatus());
        assertEquals("down", failure.output().get("body").textValue());
    }
}
