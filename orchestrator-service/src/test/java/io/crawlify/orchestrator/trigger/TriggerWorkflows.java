package io.crawlify.orchestrator.trigger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Workflows for trigger tests: one HTTP page crawled (what the trigger starts matters, not the crawl). */
final class TriggerWorkflows {

    private TriggerWorkflows() {
    }

    static String onePage(String name, String url, String triggersJson) {
        return """
                {"name": "%s",
                 "steps": [{"id": "crawl", "type": "crawl", "config": {
                   "startUrls": ["%s"], "maxDepth": 0, "maxPages": 1, "renderer": "http",
                   "rateLimit": {"requestsPerSecond": 0},
                   "phases": [{"id": "page", "nodes": [
                     {"type": "navigate"}, {"type": "extract", "fields": {"title": {"selector": "h1"}}}]}]}}],
                 "triggers": %s}""".formatted(name, url, triggersJson);
    }

    /** {@code sha256=<hex HMAC-SHA256>}, computed here independently of the code under test. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
