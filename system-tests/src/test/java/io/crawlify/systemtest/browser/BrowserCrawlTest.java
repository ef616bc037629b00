package io.crawlify.systemtest.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.testsupport.Api;
import io.crawlify.systemtest.support.Deployment;
import io.crawlify.systemtest.support.JsSite;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.systemtest.support.WorkerProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The browser renderer end to end, over a site whose content is built by JavaScript: client-rendered lists and
 * detail pages, client-side pagination, "load more", infinite scroll, a login with a session carried across
 * tasks, screenshots, pages that hang or crash the renderer, and {@code auto} choosing per page.
 */
@SystemTest
class BrowserCrawlTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PROBLEM = "application/problem+json";

    /** {@code li.product}: the link's text and absolute URL, the price. */
    private static final String LIST_FIELDS = """
            "fields": {"name": {"selector": "a"}, "url": {"selector": "a", "attr": "href"},
                       "price": {"selector": "span.price"}}""";
    private static final String DETAIL_FIELDS = """
            "fields": {"name": {"selector": "h1.name", "required": true}, "price": {"selector": "span.price"},
                       "sku": {"selector": "span.sku"}, "description": {"selector": "p.description"}}""";

    /**
     * A one-step workflow. {@code stepExtra} and {@code configExtra} are JSON members (with a trailing comma) added
     * to the step and to its config; {@code phases} is the phases array.
     */
    private static String workflow(String renderer, String start, String stepExtra, String configExtra,
            String phases) {
        return """
                {"name": "browser-%s", "steps": [{"id": "crawl", "type": "crawl", %s "config": {
                  "startUrls": ["%s"], "renderer": "%s", "allowedDomains": ["127.0.0.1"], "maxDepth": 5, %s
                  "phases": %s}}]}
                """.formatted(renderer, stepExtra, start, renderer, configExtra, phases);
    }

    /** One phase "list" that loads {@code start}, runs {@code nodes} and nothing else. */
    private static String singlePage(String renderer, String start, String nodes) {
        return workflow(renderer, start, "", "", "[{\"id\": \"list\", \"nodes\": [" + nodes + "]}]");
    }

    /** The list phase of /spa/products: 45 items, links to the first five product pages. */
    private static String productsWorkflow(String renderer, String start) {
        return workflow(renderer, start, "", "", """
                [{"id": "list", "nodes": [
                    {"type": "navigate", "waitUntil": "load", "timeoutMs": 15000},
                    {"type": "wait", "selector": "li.product", "timeoutMs": 10000},
                    {"type": "extract", "selector": "li.product", %s},
                    {"type": "extract_links", "selector": "li.product a", "marker": "product", "limit": 5}],
                  "transitions": {"product": "detail"}},
                 {"id": "detail", "nodes": [
                    {"type": "navigate"},
                    {"type": "wait", "selector": "h1.name"},
                    {"type": "extract", %s}]}]""".formatted(LIST_FIELDS, DETAIL_FIELDS));
    }

    @Test
    void rendersClientSideContentInTheBrowser() {
        try (JsSite site = new JsSite()) {
            String execution = Api.execute(Api.createWorkflow(productsWorkflow("browser", site.url("/spa/products"))));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.tasksEnqueued")).isEqualTo(6);
            assertThat(done.getLong("stats.tasksCompleted")).isEqualTo(6);
            assertThat(done.getLong("stats.tasksFailed")).isZero();
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(6);
            assertThat(done.getLong("stats.itemsExtracted")).isEqualTo(50);
            assertThat(pagesByRenderer(done)).isEqualTo(Map.of("browser", 6L));

            List<JsonNode> items = Api.itemsNdjson(execution);
            assertThat(items).hasSize(50);
            // The list page's items in document order, every field.
            assertThat(items.stream().filter(i -> i.get("phase").asText().equals("list")))
                    .allSatisfy(i -> assertThat(i.get("url").asText()).isEqualTo(site.url("/spa/products")))
                    .extracting(i -> i.get("data"))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, JsSite.PRODUCTS)
                            .mapToObj(id -> site.listItem("/spa/product/", id)).toList());
            assertThat(itemsByUrl(items, "detail")).isEqualTo(IntStream.rangeClosed(1, 5).boxed()
                    .collect(Collectors.toMap(id -> site.url("/spa/product/" + id), JsSite::detailItem)));

            assertThat(Api.tasks(execution)).hasSize(6).allSatisfy(task -> {
                assertThat(task.get("status").asText()).isEqualTo("succeeded");
                assertThat(task.get("renderer").asText()).isEqualTo("browser");
            });
            assertThat(site.hits("/api/products.json")).isEqualTo(1);
            assertThat(site.hits("/api/product/5.json")).isEqualTo(1);
            assertThat(site.hits("/api/product/6.json")).as("beyond the link limit").isZero();
        }
    }

    @Test
    void theHttpRendererSeesNoClientRenderedContent() {
        try (JsSite site = new JsSite()) {
            String execution = Api.execute(Api.createWorkflow(productsWorkflow("http", site.url("/spa/products"))));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.tasksEnqueued")).isEqualTo(1);
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(1);
            assertThat(done.getLong("stats.itemsExtracted")).isZero();
            assertThat(pagesByRenderer(done)).isEqualTo(Map.of("http", 1L));
            assertThat(Api.itemsNdjson(execution)).isEmpty();
            assertThat(site.hits("/api/products.json")).as("no script ran").isZero();
        }
    }

    @Test
    void followsClientSidePaginationByClickingNext() {
        try (JsSite site = new JsSite()) {
            String execution = Api.execute(Api.createWorkflow(singlePage("browser", site.url("/spa/paged"), """
                    {"type": "navigate"},
                    {"type": "wait", "selector": "li.product"},
                    {"type": "repeat", "maxIterations": 10, "nodes": [
                       {"type": "extract", "selector": "li.product", %s},
                       {"type": "click", "selector": "button.next", "waitFor": "li.product", "timeoutMs": 10000}]}
                    """.formatted(LIST_FIELDS))));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(1);
            assertThat(done.getLong("stats.itemsExtracted")).isEqualTo(45);
            assertAllProductsInOrder(site, execution, "/spa/paged");
            for (int page = 1; page <= 5; page++) {
                assertThat(site.hits("/api/products.json?page=" + page + "&size=10")).as("page " + page).isEqualTo(1);
            }
            assertThat(site.hits("/spa/paged")).as("paged in place, never reloaded").isEqualTo(1);
        }
    }

    @Test
    void clicksLoadMoreUntilTheButtonIsGone() {
        try (JsSite site = new JsSite()) {
            String execution = Api.execute(Api.createWorkflow(singlePage("browser", site.url("/spa/more"), """
                    {"type": "navigate"},
                    {"type": "wait", "selector": "li.product"},
                    {"type": "click", "selector": "button.load-more", "repeat": 10, "waitFor": "#list:not(.loading)",
                     "timeoutMs": 10000},
                    {"type": "extract", "selector": "li.product", %s}
                    """.formatted(LIST_FIELDS))));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.itemsExtracted")).isEqualTo(45);
            assertAllProductsInOrder(site, execution, "/spa/more");
            assertThat(site.hits("/api/products.json?page=5&size=10")).isEqualTo(1);
        }
    }

    @Test
    void scrollsAnInfiniteListToItsEnd() {
        try (JsSite site = new JsSite()) {
            String execution = Api.execute(Api.createWorkflow(singlePage("browser", site.url("/spa/infinite"), """
                    {"type": "navigate"},
                    {"type": "wait", "selector": "li.product"},
                    {"type": "scroll", "untilSelector": "li.product", "untilCount": 45, "maxScrolls": 20,
                     "waitMs": 1000},
                    {"type": "extract", "selector": "li.product", %s}
                    """.formatted(LIST_FIELDS))));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.itemsExtracted")).isEqualTo(45);
            assertAllProductsInOrder(site, execution, "/spa/infinite");
            assertThat(site.hits("/api/products.json?page=5&size=10")).isEqualTo(1);
        }
    }

    @Test
    void signsInAndCarriesTheSessionToLaterTasks() {
        try (JsSite site = new JsSite()) {
            String definition = workflow("browser", site.url("/login"), "", """
                    "browser": {"session": "execution"},""", """
                    [{"id": "login", "nodes": [
                        {"type": "navigate"},
                        {"type": "type", "selector": "#user", "text": "alice"},
                        {"type": "type", "selector": "#password", "text": "s3cret"},
                        {"type": "click", "selector": "button[type=submit]", "waitForNavigation": true},
                        {"type": "wait", "selector": "tr.order"},
                        {"type": "extract", "selector": "tr.order",
                         "fields": {"id": {"selector": "td.id"}, "total": {"selector": "td.total"}}},
                        {"type": "extract_links", "selector": "tr.order a", "marker": "order"}],
                      "transitions": {"order": "order"}},
                     {"id": "order", "nodes": [
                        {"type": "navigate"},
                        {"type": "extract", "fields": {"id": {"selector": "h1.order-id", "required": true},
                            "total": {"selector": "span.total"}, "status": {"selector": "span.status"}}}]}]""");
            String execution = Api.execute(Api.createWorkflow(definition));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.tasksEnqueued")).isEqualTo(4);
            assertThat(done.getLong("stats.tasksCompleted")).isEqualTo(4);
            assertThat(done.getLong("stats.itemsExtracted")).isEqualTo(6);

            List<JsonNode> items = Api.itemsNdjson(execution);
            // The orders table, rendered from /api/orders.json once signed in; items carry the task's URL.
            assertThat(items.stream().filter(i -> i.get("phase").asText().equals("login")))
                    .allSatisfy(i -> assertThat(i.get("url").asText()).isEqualTo(site.url("/login")))
                    .extracting(i -> i.get("data"))
                    .containsExactlyElementsOf(JsSite.ORDERS.stream()
                            .map(o -> object("id", String.valueOf(o.id()), "total", o.total())).toList());
            // Each order page is its own task: reachable only with the session cookie of the login task.
            assertThat(itemsByUrl(items, "order")).isEqualTo(JsSite.ORDERS.stream().collect(Collectors.toMap(
                    o -> site.url("/account/orders/" + o.id()),
                    o -> object("id", "Order " + o.id(), "total", o.total(), "status", o.status()))));
            assertThat(site.hits("/login")).as("one GET, one POST, no redirect back to the form").isEqualTo(2);
            assertThat(site.hits("/api/orders.json")).isEqualTo(1);
            assertThat(site.hits("/account/orders/1002")).isEqualTo(1);
        }
    }

    @Test
    void storesAScreenshotAsAnArtifactOfThePage() {
        try (JsSite site = new JsSite()) {
            String definition = workflow("browser", site.url("/spa/product/7"), "", """
                    "browser": {"viewport": {"width": 1024, "height": 600}},""", """
                    [{"id": "product", "nodes": [
                        {"type": "navigate"},
                        {"type": "wait", "selector": "h1.name"},
                        {"type": "screenshot", "fullPage": true, "field": "screenshot"},
                        {"type": "extract", "fields": {"name": {"selector": "h1.name"},
                                                       "price": {"selector": "span.price"}}}]}]""");
            String execution = Api.execute(Api.createWorkflow(definition));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);
            assertThat(done.getString("status")).isEqualTo("succeeded");

            List<JsonNode> tasks = Api.tasks(execution);
            assertThat(tasks).hasSize(1);
            JsonNode task = tasks.get(0);
            assertThat(task.get("url").asText()).isEqualTo(site.url("/spa/product/7"));
            assertThat(task.get("renderer").asText()).isEqualTo("browser");
            assertThat(task.get("items").asInt()).isEqualTo(1);
            assertThat(task.get("artifacts")).hasSize(1);
            JsonNode artifact = task.get("artifacts").get(0);
            String path = "/api/v1/executions/" + execution + "/artifacts/" + artifact.get("id").asText();
            assertThat(artifact.get("id").asText()).isNotBlank();
            assertThat(artifact.get("contentType").asText()).isEqualTo("image/png");
            assertThat(artifact.get("path").asText()).isEqualTo(path);
            assertThat(artifact.get("bytes").asLong()).isGreaterThan(1000);

            assertThat(Api.itemsNdjson(execution)).extracting(i -> i.get("data"))
                    .containsExactly(object("name", JsSite.name(7), "price", JsSite.price(7), "screenshot", path));

            Response png = given().when().get(path);
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.contentType()).isEqualTo("image/png");
            byte[] bytes = png.asByteArray();
            assertThat(bytes).hasSize((int) artifact.get("bytes").asLong());
            assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
            // IHDR: the viewport's width; the page is shorter than the viewport, so its height too.
            assertThat(ByteBuffer.wrap(bytes, 16, 8).getInt()).isEqualTo(1024);
            assertThat(ByteBuffer.wrap(bytes, 20, 4).getInt()).isEqualTo(600);
        }
    }

    @Test
    void failsOnlyTheHungAndCrashedPagesAndLeaksNoRenderer() {
        try (JsSite site = new JsSite()) {
            String definition = workflow("browser", site.url("/mixed"), """
                    "retry": {"strategy": "fixed", "maxAttempts": 2, "initialDelayMs": 100},""", "", """
                    [{"id": "start", "nodes": [{"type": "extract_links", "selector": "a.page", "marker": "page"}],
                      "transitions": {"page": "detail"}},
                     {"id": "detail", "nodes": [
                        {"type": "navigate", "waitUntil": "load", "timeoutMs": 5000},
                        {"type": "wait", "selector": "h1.name", "timeoutMs": 5000},
                        {"type": "extract", %s}]}]""".formatted(DETAIL_FIELDS));
            String execution = Api.execute(Api.createWorkflow(definition));
            JsonPath done = Api.awaitEnd(execution, Duration.ofSeconds(90));

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.tasksEnqueued")).isEqualTo(5);
            assertThat(done.getLong("stats.tasksCompleted")).isEqualTo(3);
            assertThat(done.getLong("stats.tasksFailed")).isEqualTo(2);
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(3);
            assertThat(itemsByUrl(Api.itemsNdjson(execution), "detail")).isEqualTo(Map.of(
                    site.url("/spa/product/1"), JsSite.detailItem(1),
                    site.url("/spa/product/2"), JsSite.detailItem(2)));

            Map<String, JsonNode> tasks = Api.tasks(execution).stream()
                    .collect(Collectors.toMap(t -> t.get("url").asText(), t -> t));
            assertThat(tasks.keySet()).containsExactlyInAnyOrder(site.url("/mixed"), site.url("/spa/product/1"),
                    site.url("/spa/product/2"), site.url("/hang"), site.url("/crash"));
            for (String ok : List.of("/mixed", "/spa/product/1", "/spa/product/2")) {
                JsonNode task = tasks.get(site.url(ok));
                assertThat(task.get("status").asText()).as(ok).isEqualTo("succeeded");
                assertThat(task.get("attempt").asInt()).as(ok).isEqualTo(1);
                assertThat(task.get("renderer").asText()).as(ok).isEqualTo("browser");
            }
            for (String bad : List.of("/hang", "/crash")) {
                JsonNode task = tasks.get(site.url(bad));
                assertThat(task.get("status").asText()).as(bad).isEqualTo("failed");
                assertThat(task.get("attempt").asInt()).as(bad + ": retried up to maxAttempts").isEqualTo(2);
                assertThat(task.get("errorKind").asText("")).as(bad).isNotBlank();
                assertThat(task.get("items").asInt()).as(bad).isZero();
                assertThat(site.hits(bad)).as(bad + " loaded once per attempt").isEqualTo(2);
            }

            // Hung and crashed renderers are gone; the worker still runs at most one browser per context.
            ProcessHandle worker = WorkerProcess.current();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(chromium(worker, c -> c.contains("--type=renderer")))
                            .as("renderer processes").isEmpty());
            assertThat(chromium(worker, c -> !c.contains("--type="))).as("browser processes")
                    .hasSizeLessThanOrEqualTo(Deployment.BROWSER_CONTEXTS);
        }
    }

    @Test
    void autoRendersInTheBrowserOnlyThePagesThatNeedIt() {
        try (JsSite site = new JsSite()) {
            String execution = Api.execute(Api.createWorkflow(workflow("auto", site.url("/auto"), "", "", """
                    [{"id": "start", "nodes": [{"type": "extract_links", "selector": "a.product", "marker": "product"}],
                      "transitions": {"product": "detail"}},
                     {"id": "detail", "nodes": [
                        {"type": "navigate"},
                        {"type": "wait", "selector": "h1.name"},
                        {"type": "extract", %s}]}]""".formatted(DETAIL_FIELDS))));
            JsonPath done = Api.awaitEnd(execution, TIMEOUT);

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.tasksCompleted")).isEqualTo(5);
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(5);
            assertThat(pagesByRenderer(done)).isEqualTo(Map.of("http", 3L, "browser", 2L));
            assertThat(Api.tasks(execution).stream()
                    .collect(Collectors.toMap(t -> t.get("url").asText(), t -> t.get("renderer").asText())))
                    .isEqualTo(Map.of(
                            site.url("/auto"), "http",
                            site.url("/static/product/1"), "http",
                            site.url("/static/product/2"), "http",
                            site.url("/spa/product/3"), "browser",
                            site.url("/spa/product/4"), "browser"));
            assertThat(itemsByUrl(Api.itemsNdjson(execution), "detail")).isEqualTo(Map.of(
                    site.url("/static/product/1"), JsSite.detailItem(1),
                    site.url("/static/product/2"), JsSite.detailItem(2),
                    site.url("/spa/product/3"), JsSite.detailItem(3),
                    site.url("/spa/product/4"), JsSite.detailItem(4)));
            assertThat(site.hits("/static/product/1")).as("complete over HTTP: fetched once").isEqualTo(1);
            assertThat(site.hits("/api/product/3.json")).isEqualTo(1);
            assertThat(site.hits("/api/product/1.json")).isZero();
        }
    }

    @Test
    void rejectsBrowserOnlyNodesUnderTheHttpRenderer() {
        String nodes = """
                {"type": "navigate"},
                {"type": "click", "selector": "button.next"},
                {"type": "extract", "fields": {"title": {"selector": "h1"}}},
                {"type": "scroll", "untilSelector": "li", "untilCount": 10}""";
        given().contentType(ContentType.JSON).body(singlePage("http", "http://127.0.0.1:1/", nodes))
                .when().post("/api/v1/workflows")
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("field", equalTo("steps[0].config.phases[0].nodes[1]"))
                .body("errors.size()", equalTo(2))
                .body("errors.path", hasItems("steps[0].config.phases[0].nodes[1]", "steps[0].config.phases[0].nodes[3]"))
                .body("errors.find { it.path == 'steps[0].config.phases[0].nodes[1]' }.message",
                        containsString("node 'click' needs renderer 'browser' or 'auto'"))
                .body("errors.find { it.path == 'steps[0].config.phases[0].nodes[3]' }.message",
                        containsString("node 'scroll' needs renderer 'browser' or 'auto'"));
        for (String renderer : List.of("browser", "auto")) {
            given().contentType(ContentType.JSON).body(singlePage(renderer, "http://127.0.0.1:1/", nodes))
                    .when().post("/api/v1/workflows").then().statusCode(201);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** The execution's only page yielded products 1..45 in order, each with every field. */
    private static void assertAllProductsInOrder(JsSite site, String execution, String pagePath) {
        List<JsonNode> items = Api.itemsNdjson(execution);
        assertThat(items).allSatisfy(i -> {
            assertThat(i.get("url").asText()).isEqualTo(site.url(pagePath));
            assertThat(i.get("phase").asText()).isEqualTo("list");
        });
        assertThat(items).extracting(i -> i.get("data")).containsExactlyElementsOf(IntStream
                .rangeClosed(1, JsSite.PRODUCTS).mapToObj(id -> site.listItem("/spa/product/", id)).toList());
    }

    /** The data of the items of {@code phase} by page URL; fails on a page with two items. */
    private static Map<String, JsonNode> itemsByUrl(List<JsonNode> items, String phase) {
        Map<String, JsonNode> byUrl = new LinkedHashMap<>();
        for (JsonNode item : items) {
            if (item.get("phase").asText().equals(phase)) {
                assertThat(byUrl.put(item.get("url").asText(), item.get("data"))).as("duplicate item").isNull();
            }
        }
        return byUrl;
    }

    /** {@code stats.pagesByRenderer} without zero counts. */
    private static Map<String, Long> pagesByRenderer(JsonPath execution) {
        Map<String, Object> counts = execution.getMap("stats.pagesByRenderer");
        assertThat(counts).as("stats.pagesByRenderer").isNotNull();
        return counts.entrySet().stream().filter(e -> ((Number) e.getValue()).longValue() != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((Number) e.getValue()).longValue()));
    }

    private static ObjectNode object(String... keysAndValues) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return node;
    }

    private static final Set<String> CHROMIUM_EXECUTABLES = Set.of("chromium", "chrome", "chrome-headless-shell",
            "headless_shell");

    /**
     * Command lines of the Chromium processes under {@code root} that match {@code which}. Read from /proc: the
     * zygote's children rewrite their argv (e.g. to {@code --type=renderer ...}), which
     * {@link ProcessHandle.Info#commandLine()} does not show.
     */
    private static List<String> chromium(ProcessHandle root, Predicate<String> which) {
        return root.descendants().map(BrowserCrawlTest::commandLine)
                .filter(c -> !c.isEmpty() && CHROMIUM_EXECUTABLES.contains(Path.of(c.split(" ")[0]).getFileName().toString()))
                .filter(which).toList();
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return ""; // exited meanwhile
        }
    }
}
