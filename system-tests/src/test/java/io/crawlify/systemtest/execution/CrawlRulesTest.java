package io.crawlify.systemtest.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.testsupport.Api;
import io.crawlify.testsupport.Db;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.restassured.path.json.JsonPath;

/** How discovered links are followed: depth, markers and transitions, limits, dedup, scope, failures, rate. */
@SystemTest
class CrawlRulesTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    /**
     * A workflow with one phase "page" following a.next as marker "next" and extracting the h1.
     * {@code stepExtra} and {@code configExtra} are JSON members (with a trailing comma) added to the step and its config.
     */
    private static String chainWorkflow(String start, int maxDepth, String stepExtra, String configExtra) {
        return """
                {"name": "chain", "steps": [{"id": "crawl", "type": "crawl", %s "config": {
                  "startUrls": ["%s"], "maxDepth": %d, "allowedDomains": ["127.0.0.1"], %s
                  "phases": [{"id": "page", "nodes": [
                     {"type": "navigate"},
                     {"type": "extract_links", "selector": "a.next", "marker": "next"},
                     {"type": "extract", "fields": {"title": {"selector": "h1", "required": true}}}],
                   "transitions": {"next": "page"}}]}}]}
                """.formatted(stepExtra, start, maxDepth, configExtra);
    }

    private static Page chainPage(int n, int last) {
        return Page.html("<html><body><h1>Page " + n + "</h1>"
                + (n < last ? "<a class=\"next\" href=\"/p" + (n + 1) + ".html\">next</a>" : "") + "</body></html>");
    }

    @Test
    void stopsAtMaxDepth() {
        try (TestSite site = new TestSite(path -> path.matches("/p\\d+\\.html")
                ? chainPage(Integer.parseInt(path.replaceAll("\\D", "")), 9) : null)) {
            String execution = Api.execute(Api.createWorkflow(chainWorkflow(site.url("/p0.html"), 2, "", "")));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(3);
            assertThat(site.hits("/p2.html")).isEqualTo(1);
            assertThat(site.hits("/p3.html")).isZero();
            assertThat(Api.itemsNdjson(execution)).extracting(i -> i.get("data").get("title").asText())
                    .containsExactlyInAnyOrder("Page 0", "Page 1", "Page 2");
        }
    }

    @Test
    void routesMarkersToPhasesAndIgnoresUnmappedMarkers() {
        Map<String, Page> pages = Map.of(
                "/", Page.html("""
                        <html><body>
                          <a class="product" href="/item/1">1</a><a class="product" href="/item/2">2</a>
                          <a class="review" href="/reviews/1">reviews</a>
                          <a class="product" href="http://other.invalid/item/9">off-site</a>
                        </body></html>"""),
                "/item/1", Page.html("<h1 class=\"t\">One</h1><a class=\"review\" href=\"/reviews/1\">r</a>"),
                "/item/2", Page.html("<h1 class=\"t\">Two</h1>"),
                "/reviews/1", Page.html("<h1 class=\"t\">Never</h1>"));
        try (TestSite site = new TestSite(pages::get)) {
            String workflow = """
                    {"name": "markers", "steps": [{"id": "crawl", "type": "crawl", "config": {
                      "startUrls": ["%s"], "allowedDomains": ["127.0.0.1"],
                      "phases": [
                        {"id": "start", "nodes": [
                           {"type": "extract_links", "selector": "a.product", "marker": "product"},
                           {"type": "extract_links", "selector": "a.review", "marker": "review"}],
                         "transitions": {"product": "detail"}},
                        {"id": "detail", "nodes": [
                           {"type": "extract_links", "selector": "a.review", "marker": "review"},
                           {"type": "extract", "fields": {"title": {"selector": "h1.t"}}}]}]}}]}
                    """.formatted(site.url("/"));
            String execution = Api.execute(Api.createWorkflow(workflow));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(3);
            assertThat(site.hits("/reviews/1")).as("unmapped marker is not followed").isZero();
            List<JsonNode> items = Api.itemsNdjson(execution);
            assertThat(items).extracting(i -> i.get("phase").asText() + ":" + i.get("data").get("title").asText())
                    .containsExactlyInAnyOrder("detail:One", "detail:Two");
            assertThat(Db.rows("select phase_id, marker, depth from task_runs where execution_id = ?::uuid and url like '%/item/1'",
                    execution)).containsExactly(Map.of("phase_id", "detail", "marker", "product", "depth", 1));
        }
    }

    @Test
    void honoursTheLinkLimitInDocumentOrder() {
        StringBuilder listing = new StringBuilder("<html><body>");
        for (int i = 1; i <= 10; i++) {
            listing.append("<a class=\"product\" href=\"/item/").append(i).append("\">").append(i).append("</a>");
        }
        try (TestSite site = new TestSite(path -> path.equals("/") ? Page.html(listing + "</body></html>")
                : path.startsWith("/item/") ? Page.html("<h1 class=\"t\">" + path + "</h1>") : null)) {
            String workflow = """
                    {"name": "limit", "steps": [{"id": "crawl", "type": "crawl", "config": {
                      "startUrls": ["%s"],
                      "phases": [
                        {"id": "start", "nodes": [{"type": "extract_links", "selector": "a.product", "marker": "p", "limit": 3}],
                         "transitions": {"p": "detail"}},
                        {"id": "detail", "nodes": [{"type": "extract", "fields": {"title": {"selector": "h1.t"}}}]}]}}]}
                    """.formatted(site.url("/"));
            JsonPath done = Api.awaitEnd(Api.execute(Api.createWorkflow(workflow)), TIMEOUT);

            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(4);
            assertThat(site.hits("/item/1") + site.hits("/item/2") + site.hits("/item/3")).isEqualTo(3);
            assertThat(site.hits("/item/4")).isZero();
        }
    }

    @Test
    void deduplicatesPagesThatLinkInCycles() {
        // a ↔ b ↔ c, each linking every page (itself too) in several spellings of the same URL.
        TestSite[] holder = new TestSite[1];
        try (TestSite site = new TestSite(path -> path.matches("/[abc]\\.html") ? Page.html("""
                <html><body><h1>%s</h1>
                  <a class="next" href="/a.html">a</a><a class="next" href="b.html#frag">b</a>
                  <a class="next" href="./c.html">c</a><a class="next" href="/x/../a.html">a again</a>
                  <a class="next" href="HTTP://127.0.0.1:%d/b.html">b again</a>
                </body></html>""".formatted(path, holder[0].port())) : null)) {
            holder[0] = site;
            String execution = Api.execute(Api.createWorkflow(chainWorkflow(site.url("/a.html"), 50, "", "")));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.tasksEnqueued")).isEqualTo(3);
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(3);
            assertThat(site.hits("/a.html")).isEqualTo(1);
            assertThat(site.hits("/b.html")).isEqualTo(1);
            assertThat(site.hits("/c.html")).isEqualTo(1);
        }
    }

    @Test
    void countsFailedPagesRetriesTransientOnesAndStillSucceeds() {
        Map<String, Page> pages = Map.of(
                "/", Page.html("<h1>start</h1><a class=\"next\" href=\"/missing\">404</a>"
                        + "<a class=\"next\" href=\"/broken\">500</a><a class=\"next\" href=\"/ok\">ok</a>"),
                "/broken", Page.status(500),
                "/ok", Page.html("<h1>ok</h1>"));
        try (TestSite site = new TestSite(pages::get)) {
            String workflow = chainWorkflow(site.url("/"), 5,
                    "\"retry\": {\"strategy\": \"fixed\", \"maxAttempts\": 3, \"initialDelayMs\": 50},", "");
            String execution = Api.execute(Api.createWorkflow(workflow));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.tasksEnqueued")).isEqualTo(4);
            assertThat(done.getLong("stats.tasksCompleted")).isEqualTo(2);
            assertThat(done.getLong("stats.tasksFailed")).isEqualTo(2);
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(2);
            assertThat(site.hits("/missing")).as("4xx is not retried").isEqualTo(1);
            assertThat(site.hits("/broken")).as("5xx is retried up to maxAttempts").isEqualTo(3);
            Map<String, Object> failures = Db.rows("""
                    select url, error_kind, attempt, http_status from task_runs
                    where execution_id = ?::uuid and status = 'failed'""", execution).stream()
                    .collect(Collectors.toMap(r -> ((String) r.get("url")).replaceAll(".*/", "/"),
                            r -> r.get("error_kind") + "/" + r.get("attempt") + "/" + r.get("http_status")));
            assertThat(failures).isEqualTo(Map.of("/missing", "http_404/1/404", "/broken", "http_500/3/500"));
        }
    }

    @Test
    void failsTheExecutionWhenTheFailureThresholdIsCrossed() {
        try (TestSite site = new TestSite(path -> Page.status(404))) {
            String workflow = chainWorkflow(site.url("/gone"), 5, "", "");
            JsonPath done = Api.awaitEnd(Api.execute(Api.createWorkflow(workflow)), TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("failed");
            assertThat(done.getLong("stats.tasksFailed")).isEqualTo(1);
            assertThat(done.getString("error")).isEqualTo("step crawl failed: 1 of 1 page(s) failed, crossing the failure threshold");
        }
    }

    @Test
    void spacesRequestsToADomainByTheRateLimit() {
        // The index links 10 pages at once, so only the limiter spaces their fetches.
        Page index = Page.html("<h1>i</h1>" + IntStream.rangeClosed(1, 10)
                .mapToObj(i -> "<a class=\"next\" href=\"/p" + i + ".html\">x</a>").collect(Collectors.joining()));
        try (TestSite site = new TestSite(path -> path.equals("/") ? index
                : path.matches("/p\\d+\\.html") ? Page.html("<h1>" + path + "</h1>") : null)) {
            String workflow = chainWorkflow(site.url("/"), 1, "", "\"rateLimit\": {\"requestsPerSecond\": 10},");
            JsonPath done = Api.awaitEnd(Api.execute(Api.createWorkflow(workflow)), TIMEOUT);

            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(11);
            List<Long> times = site.hitLog().stream().filter(h -> !h.path().equals("/robots.txt"))
                    .map(TestSite.Hit::atNanos).sorted().toList();
            assertThat(times).hasSize(11);
            // 10 requests/s: 11 requests span at least 1 s from the first to the last.
            assertThat(Duration.ofNanos(times.get(10) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @Test
    void honoursRobotsTxtAndSendsTheUserAgent() {
        Map<String, Page> pages = Map.of(
                "/", Page.html("<h1>home</h1><a class=\"next\" href=\"/private/a\">p</a><a class=\"next\" href=\"/public\">q</a>"),
                "/private/a", Page.html("<h1>secret</h1>"),
                "/public", Page.html("<h1>public</h1>"));
        String robots = "User-agent: crawlify\nDisallow: /private\n\nUser-agent: *\nDisallow:\n";
        try (TestSite site = new TestSite(pages::get, robots)) {
            String execution = Api.execute(Api.createWorkflow(chainWorkflow(site.url("/"), 5, "",
                    "\"userAgent\": \"Crawlify/0.1 (test; +https://example.test/bot)\",")));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(site.hits("/private/a")).as("disallowed for crawlify").isZero();
            assertThat(site.hits("/public")).isEqualTo(1);
            assertThat(site.userAgent("/public")).isEqualTo("Crawlify/0.1 (test; +https://example.test/bot)");
            assertThat(Db.rows("select error_kind from task_runs where execution_id = ?::uuid and url like '%/private/a'",
                    execution)).containsExactly(Map.of("error_kind", "robots"));
        }
    }
}
