package io.crawlify.worker.step;

import static io.crawlify.worker.step.Steps.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class RedactorTest {

    private static final JsonNode CREDENTIALS = json("""
            {"api": "tok-123456", "login": {"username": "ada", "password": "pa55 w&rd"}, "db": {"port": 54321},
             "tiny": "ab", "quoted": "se\\"cret"}
            """);

    private final Redactor redactor = Redactor.of(CREDENTIALS);

    @Test
    void masksEverySecretInText() {
        assertEquals("Bearer *** failed, retry with ***", redactor.redact("Bearer tok-123456 failed, retry with pa55 w&rd"));
        assertEquals("no secrets here", redactor.redact("no secrets here"));
        assertNull(redactor.redact((String) null));
    }

    @Test
    void masksTheFormsASecretTakesOnTheWayOut() {
        String basic = Base64.getEncoder().encodeToString("ada:pa55 w&rd".getBytes(StandardCharsets.UTF_8));
        assertEquals("Authorization: Basic ***", redactor.redact("Authorization: Basic " + basic));
        assertEquals("GET https://x.test/?p=***", redactor.redact("GET https://x.test/?p=pa55+w%26rd"));
        assertEquals("{\"k\":\"***\"}", redactor.redact("{\"k\":\"se\\\"cret\"}"));
        assertEquals("port ***", redactor.redact("port 54321"));
    }

    @Test
    void shortValuesAreNotMasked() {
        assertEquals("ab ada", redactor.redact("ab ada"));
    }

    @Test
    void masksJsonValuesAndKeysWithoutTouchingTheInput() {
        JsonNode output = json("""
                {"status": 200, "headers": {"x-echo": "tok-123456"}, "body": {"tok-123456": ["a", "xx pa55 w&rd yy", 54321, 7]}}
                """);

        JsonNode redacted = redactor.redact(output);

        assertEquals(json("""
                {"status": 200, "headers": {"x-echo": "***"}, "body": {"***": ["a", "xx *** yy", "***", 7]}}
                """), redacted);
        assertEquals("tok-123456", output.get("headers").get("x-echo").textValue());
    }

    @Test
    void redactsFailuresAndResults() {
        StepFailure failure = new StepFailure(StepFailure.HTTP_STATUS, "HTTP 401 for token tok-123456", 401,
                json("{\"body\": \"bad tok-123456\"}"), new RuntimeException("tok-123456"));

        StepFailure redacted = redactor.redact(failure);

        assertEquals("HTTP 401 for token ***", redacted.getMessage());
        assertEquals(401, redacted.httpStatus());
        assertEquals(StepFailure.HTTP_STATUS, redacted.kind());
        assertEquals("bad ***", redacted.output().get("body").textValue());
        assertNull(redacted.getCause());

        StepResult result = redactor.redact(new StepResult(json("[\"tok-123456\"]"), "sent tok-123456\n"));
        assertEquals(json("[\"***\"]"), result.output());
        assertEquals("sent ***\n", result.logs());
    }

    @Test
    void noCredentialsRedactNothing() {
        Redactor none = Redactor.of(json("{}"));
        JsonNode value = json("{\"a\": \"tok-123456\"}");
        assertTrue(none.isEmpty());
        assertSame(value, none.redact(value));
        assertFalse(new Redactor(List.of("longer-secret")).isEmpty());
        assertEquals("x *** y", new Redactor(List.of("secret", "longer-secret")).redact("x longer-secret y"));
    }
}
