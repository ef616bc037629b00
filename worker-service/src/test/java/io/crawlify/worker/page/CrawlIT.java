package io.crawlify.worker.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.pubsub.v1.PubsubMessage;

import io.crawlify.model.message.Messages;
import io.crawlify.model.message.PageEvent;
import io.crawlify.worker.support.Backends;
import io.crawlify.worker.support.Executions;
import io.crawlify.worker.support.Pages;
import io.crawlify.worker.support.WorkerEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged worker (the native executable with {@code -Dnative}) on its own, driven the way the orchestrator
 * drives it, through the emulator: an HTTP crawl and a browser crawl (Chromium through Playwright: waiting,
 * clicking, extracting a client-rendered DOM, screenshots) of pages served by this test. Outcomes are read where
 * users read them: items and task runs in PostgreSQL, counters in Redis, events on crawlify-events.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = WorkerEnvironment.class, restrictToAnnotatedClass = true)
class CrawlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern ITEM = Pattern.compile("/spa/item/(\\d+)\\.html");
    private static final Pattern PRODUCT = Pattern.compile("/shop/p/(\\d+)\\.html");

    private static Backends backends;

    @BeforeAll
    static void connect() {
        backends = new Backends();
    }

    @AfterAll
    static void disconnect() {
        backends.close();
    }

    @Test
    void isReadyAndServesMetrics() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void crawlsOverHttp() throws Exception {
        try (Pages site = new Pages(CrawlIT::shop)) {
            UUID execution = Executions.start(backends, """
                    {"name": "native-http", "steps": [{"id": "crawl", "type": "crawl", "config": {
                      "startUrls": ["%s"], "renderer": "http", "allowedDomains": ["127.0.0.1"],
                      "rateLimit": {"requestsPerSecond": 0},
                      "phases": [
                        {"id": "listing", "nodes": [{"type": "navigate"},
                           {"type": "extract_links", "selector": "a.product", "marker": "product"}],
                         "transitions": {"product": "detail"}},
                        {"id": "detail", "nodes": [{"type": "navigate"}, {"type": "extract", "fields": {
                           "name": {"selector": "h1.name"}, "price": {"selector": "span.price"},
                           "tags": {"selector": "li.tag", "multiple": true}}}]}]}}]}
                    """.formatted(site.url("/shop/index.html")));

            Map<String, Long> stats = Executions.awaitDrained(backends, execution, TIMEOUT);

            assertThat(stats).containsEntry("enqueued", 6L).containsEntry("completed", 6L)
                    .containsEntry("items", 5L).containsEntry("pages_http", 6L).doesNotContainKey("failed");
            assertThat(items(execution)).isEqualTo(IntStream.rangeClosed(1, 5).boxed().collect(Collectors.toMap(
                    i -> site.url("/shop/p/" + i + ".html"),
                    i -> json("{\"name\": \"Product %d\", \"price\": \"$%d.99\", \"tags\": [\"t%d\", \"sale\"]}"
                            .formatted(i, i, i)))));
            assertThat(Backends.rows("select renderer, status, http_status from task_runs where execution_id = ?",
                    execution)).hasSize(6).allSatisfy(row -> assertThat(row)
                            .containsEntry("renderer", "http").containsEntry("status", "succeeded")
                            .containsEntry("http_status", 200));
            assertThat(site.hits("/shop/p/1.html")).isEqualTo(1);
            assertThat(drainedEvent(execution).type()).isEqualTo(PageEvent.Type.SUCCEEDED);
        }
    }

    @Test
    void rendersInTheBrowser() throws Exception {
        try (Pages site = new Pages(CrawlIT::spa)) {
            UUID execution = Executions.start(backends, """
                    {"name": "native-browser", "steps": [{"id": "crawl", "type": "crawl", "config": {
                      "startUrls": ["%s"], "renderer": "browser", "allowedDomains": ["127.0.0.1"],
                      "rateLimit": {"requestsPerSecond": 0},
                      "phases": [
                        {"id": "list", "nodes": [
                           {"type": "navigate", "waitUntil": "load"},
                           {"type": "wait", "selector": "li.product", "timeoutMs": 10000},
                           {"type": "click", "selector": "#more", "waitFor": "#all-loaded"},
                           {"type": "extract", "selector": "li.product", "fields": {
                              "name": {"selector": "a"}, "price": {"selector": "span.price"}}},
                           {"type": "script", "expression": "() => ({title: document.title, count: document.querySelectorAll('li.product').length})", "as": "item"},
                           {"type": "extract_links", "selector": "li.product a", "marker": "item", "limit": 3}],
                         "transitions": {"item": "detail"}},
                        {"id": "detail", "nodes": [
                           {"type": "navigate"},
                           {"type": "wait", "selector": "h1.name"},
                           {"type": "screenshot", "fullPage": true},
                           {"type": "extract", "fields": {
                              "name": {"selector": "h1.name"}, "sku": {"selector": "span.sku"}}}]}]}}]}
                    """.formatted(site.url("/spa/list.html")));

            Map<String, Long> stats = Executions.awaitDrained(backends, execution, TIMEOUT);

            assertThat(stats).containsEntry("enqueued", 4L).containsEntry("completed", 4L)
                    .containsEntry("pages_browser", 4L).containsEntry("items", 10L + 1 + 3)
                    .doesNotContainKey("failed");
            List<Map<String, Object>> rows = Backends.rows(
                    "select phase, url, data::text as data from items where execution_id = ? order by task_id, idx",
                    execution);
            List<JsonNode> list = rows.stream().filter(r -> r.get("phase").equals("list"))
                    .map(r -> json((String) r.get("data"))).toList();
            // Items 1..5 are rendered by a script after load, 6..10 only after the click on "more".
            assertThat(list.subList(0, 10)).containsExactlyElementsOf(IntStream.rangeClosed(1, 10)
                    .mapToObj(i -> json("{\"name\": \"Item %d\", \"price\": \"%d.00\"}".formatted(i, i))).toList());
            assertThat(list.get(10)).isEqualTo(json("{\"title\": \"Items\", \"count\": 10}"));
            assertThat(rows.stream().filter(r -> r.get("phase").equals("detail"))
                    .collect(Collectors.toMap(r -> (String) r.get("url"), r -> stripScreenshot(json((String) r.get("data"))))))
                    .isEqualTo(IntStream.rangeClosed(1, 3).boxed().collect(Collectors.toMap(
                            i -> site.url("/spa/item/" + i + ".html"),
                            i -> json("{\"name\": \"Item %d\", \"sku\": \"SKU-%d\"}".formatted(i, i)))));
            assertThat(Backends.rows("select renderer, status from task_runs where execution_id = ?", execution))
                    .hasSize(4).allSatisfy(row -> assertThat(row)
                            .containsEntry("renderer", "browser").containsEntry("status", "succeeded"));
            List<Map<String, Object>> screenshots = Backends.rows(
                    "select content_type, size_bytes, substring(data from 1 for 8) as head from artifacts "
                            + "where execution_id = ?", execution);
            assertThat(screenshots).hasSize(3).allSatisfy(row -> {
                assertThat(row).containsEntry("content_type", "image/png");
                assertThat((Integer) row.get("size_bytes")).isGreaterThan(1000);
                assertThat((byte[]) row.get("head")).startsWith(0x89, 'P', 'N', 'G');
            });
            assertThat(drainedEvent(execution).type()).isEqualTo(PageEvent.Type.SUCCEEDED);
        }
    }

    /** The task.succeeded event of the task that drained the execution's frontier. */
    private static PageEvent drainedEvent(UUID execution) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            for (PubsubMessage message : backends.pull(WorkerEnvironment.EVENTS_SEEN)) {
                PageEvent event = Messages.decode(message.getData().toByteArray(), PageEvent.class);
                if (event.executionId().equals(execution) && event.remaining() == 0) {
                    return event;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no drained event for " + execution);
    }

    private static Map<String, JsonNode> items(UUID execution) {
        return Backends.rows("select url, data::text as data from items where execution_id = ?", execution).stream()
                .collect(Collectors.toMap(r -> (String) r.get("url"), r -> json((String) r.get("data"))));
    }

    private static JsonNode stripScreenshot(JsonNode item) {
        assertThat(item.path("screenshot").asText()).as("the screenshot's path").isNotEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) item).remove("screenshot");
        return item;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    /** A listing linking five product pages, each with a name, a price and tags. */
    private static String shop(String path) {
        if (path.equals("/shop/index.html")) {
            return "<html><body>" + IntStream.rangeClosed(1, 5)
                    .mapToObj(i -> "<a class=\"product\" href=\"p/" + i + ".html\">P" + i + "</a>")
                    .collect(Collectors.joining()) + "</body></html>";
        }
        Matcher product = PRODUCT.matcher(path);
        if (product.matches()) {
            int i = Integer.parseInt(product.group(1));
            return "<html><body><h1 class=\"name\"> Product " + i + " </h1><span class=\"price\">$" + i
                    + ".99</span><ul><li class=\"tag\">t" + i + "</li><li class=\"tag\">sale</li></ul></body></html>";
        }
        return null;
    }

    /** Pages whose content exists only once their scripts ran: a list with a "more" button, and item pages. */
    private static String spa(String path) {
        if (path.equals("/spa/list.html")) {
            return """
                    <html><head><title>Items</title></head><body><ul id="list"></ul><button id="more">more</button>
                    <script>
                      function add(from, to) {
                        const list = document.getElementById('list');
                        for (let i = from; i <= to; i++) {
                          const li = document.createElement('li');
                          li.className = 'product';
                          li.innerHTML = '<a href="/spa/item/' + i + '.html">Item ' + i + '</a><span class="price">' + i + '.00</span>';
                          list.appendChild(li);
                        }
                      }
                      setTimeout(() => add(1, 5), 50);
                      document.getElementById('more').addEventListener('click', () => setTimeout(() => {
                        add(6, 10);
                        const done = document.createElement('div');
                        done.id = 'all-loaded';
                        done.textContent = 'all loaded';
                        document.body.appendChild(done);
                      }, 50));
                    </script></body></html>""";
        }
        Matcher item = ITEM.matcher(path);
        if (item.matches()) {
            String i = item.group(1);
            return """
                    <html><body><div id="root"></div><script>
                      document.getElementById('root').innerHTML =
                        '<h1 class="name">Item %s</h1><span class="sku">SKU-%s</span>';
                    </script></body></html>""".formatted(i, i);
        }
        return null;
    }
}
