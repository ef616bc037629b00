package io.crawlify.systemtest.trigger;

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
}
