package io.crawlify.model.validation;

import io.crawlify.model.error.ValidationError;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.crawl.BrowserOptions;
import io.crawlify.model.crawl.ClickNode;
import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.ExtractLinksNode;
import io.crawlify.model.crawl.ExtractNode;
import io.crawlify.model.crawl.FailureThreshold;
import io.crawlify.model.crawl.FieldSpec;
import io.crawlify.model.crawl.NavigateNode;
import io.crawlify.model.crawl.Phase;
import io.crawlify.model.crawl.RateLimit;
import io.crawlify.model.crawl.RepeatNode;
import io.crawlify.model.crawl.ScriptNode;
import io.crawlify.model.workflow.RetryPolicy;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.workflow.WorkflowDefinition;

class WorkflowParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shop example of the README: two phases routed by marker. Each invalid case below edits one spot of it. */
    private static final String SHOP = """
            {"name": "shop", "steps": [{"id": "crawl", "type": "crawl", "config": {
               "startUrls": ["http://127.0.0.1:18080/index.html"], "maxDepth": 50, "maxPages": 100000, "renderer": "http",
               "allowedDomains": ["127.0.0.1"], "rateLimit": {"requestsPerSecond": 0}, "startPhase": "listing",
               "phases": [
                 {"id": "listing", "nodes": [{"type": "navigate"},
                    {"type": "extract_links", "selector": "a.cat, a.next", "marker": "listing"},
                    {"type": "extract_links", "selector": "a.product", "marker": "product", "limit": 1000}],
                  "transitions": {"listing": "listing", "product": "detail"}},
                 {"id": "detail", "nodes": [{"type": "navigate"}, {"type": "extract", "fields": {
                       "name": {"selector": "h1.name"}, "price": {"selector": "span.price"}, "sku": {"selector": "span.sku"},
                       "attributes": {"selector": "table.attrs tr", "key": "th", "value": "td"}}}]}]}}]}
            """;

    /** The smallest valid crawl: everything optional left out so the defaults show. */
    private static final String MINIMAL = """
            {"name": "minimal", "steps": [{"id": "crawl", "type": "crawl", "config": {
               "startUrls": ["https://example.com/"],
               "phases": [
                 {"id": "first", "nodes": [{"type": "navigate"}, {"type": "extract", "fields": {"title": {"selector": "title"}}}]},
                 {"id": "second", "nodes": [{"type": "navigate"}]}]}}]}
            """;

    @Test
    void parsesTheShopExample() {
        WorkflowDefinition definition = parse(SHOP);

        assertEquals("shop", definition.name());
        assertEquals(1, definition.steps().size());
        StepDefinition step = definition.step("crawl");
        assertEquals("crawl", step.type());
        assertEquals(List.of(), step.dependsOn());

        CrawlConfig config = WorkflowParser.config(step, CrawlConfig.class);
        assertEquals(List.of("http://127.0.0.1:18080/index.html"), config.startUrls());
        assertEquals(50, config.maxDepth());
        assertEquals(100_000, config.maxPages());
        assertEquals(CrawlConfig.Renderer.HTTP, config.renderer());
        assertEquals(List.of("127.0.0.1"), config.allowedDomains());
        assertEquals(false, config.rateLimit().limited());
        assertEquals("listing", config.startPhase());
        assertEquals(2, config.phases().size());

        Phase listing = config.phase("listing");
        assertEquals(List.of(new NavigateNode(null, null, null),
                new ExtractLinksNode("a.cat, a.next", "listing", null, "href"),
                new ExtractLinksNode("a.product", "product", 1000, "href")), listing.nodes());
        assertEquals(Map.of("listing", "listing", "product", "detail"), listing.transitions());

        Phase detail = config.phase("detail");
        assertEquals(Map.of(), detail.transitions());
        ExtractNode extract = assertInstanceOf(ExtractNode.class, detail.nodes().get(1));
        assertNull(extract.selector());
        assertEquals(new FieldSpec("h1.name", null, null, null, null, null, null), extract.fields().get("name"));
        assertEquals(new FieldSpec("table.attrs tr", null, false, "th", "td", null, false),
                extract.fields().get("attributes"));
        assertEquals(4, extract.fields().size());
    }

    @Test
    void appliesDefaultsToWhatIsLeftOut() {
        StepDefinition step = parse(MINIMAL).steps().get(0);
        CrawlConfig config = WorkflowParser.config(step, CrawlConfig.class);

        assertEquals(CrawlConfig.Renderer.HTTP, config.renderer());
        assertEquals(10, config.maxDepth());
        assertEquals(10_000, config.maxPages());
        assertEquals("first", config.startPhase());
        assertEquals(RateLimit.UNLIMITED, config.rateLimit());
        assertEquals(true, config.respectRobotsTxt());
        assertEquals(30_000L, config.requestTimeoutMs());
        assertEquals(List.of(), config.allowedDomains());
        assertEquals(List.of(), config.includePatterns());
        assertEquals(FailureThreshold.DEFAULT, config.failureThreshold());
        assertEquals(Map.of(), config.phase("first").transitions());

        assertEquals(RetryPolicy.DEFAULT, step.retry());
        assertEquals(RetryPolicy.Strategy.EXPONENTIAL, step.retry().strategy());
        assertEquals(3, step.retry().attempts());
    }

    @Test
    void bindsAnExplicitRetryPolicy() {
        StepDefinition step = parse(edit(MINIMAL, "\"type\": \"crawl\",",
                "\"type\": \"crawl\", \"retry\": {\"strategy\": \"fixed\", \"maxAttempts\": 5, \"initialDelayMs\": 200},"))
                .steps().get(0);

        assertEquals(new RetryPolicy(RetryPolicy.Strategy.FIXED, 5, 200L, 10_000L, true), step.retry());
    }

    @Test
    void rejectsAnUnknownNodeType() {
        assertRejectedAt(edit(SHOP, "\"type\": \"extract_links\", \"selector\": \"a.cat",
                "\"type\": \"extract_linkz\", \"selector\": \"a.cat"),
                "steps[0].config.phases[0].nodes[1].type");
    }

    @Test
    void rejectsANodeWithoutType() {
        InvalidWorkflowException e = rejected(edit(SHOP, "{\"type\": \"navigate\"},", "{\"waitUntil\": \"load\"},"));

        assertEquals(List.of("steps[0].config.phases[0].nodes[0].type"), paths(e));
    }

    @Test
    void rejectsATransitionToAMissingPhase() {
        InvalidWorkflowException e = rejected(edit(SHOP, "\"product\": \"detail\"", "\"product\": \"details\""));

        assertEquals(List.of("steps[0].config.phases[0].transitions.product"), paths(e));
        assertTrue(e.errors().get(0).message().contains("'details'"), e.errors().get(0).message());
    }

    @Test
    void rejectsAStartUrlThatIsNotHttp() {
        for (String url : List.of("ftp://x", "not a url", "http://", "/index.html", "")) {
            InvalidWorkflowException e = rejected(edit(SHOP, "\"http://127.0.0.1:18080/index.html\"",
                    JSON.valueToTree(url).toString()));

            assertEquals(List.of("steps[0].config.startUrls[0]"), paths(e), url);
        }
    }

    @Test
    void rejectsNoStartUrls() {
        assertRejectedAt(edit(SHOP, "[\"http://127.0.0.1:18080/index.html\"]", "[]"), "steps[0].config.startUrls");
    }

    @Test
    void rejectsAnInvalidLinkSelector() {
        InvalidWorkflowException e = rejected(edit(SHOP, "\"a.cat, a.next\"", "\"a[href\""));

        assertEquals(List.of("steps[0].config.phases[0].nodes[1].selector"), paths(e));
        assertTrue(e.errors().get(0).message().startsWith("invalid CSS selector 'a[href'"), e.errors().get(0).message());
    }

    @Test
    void rejectsALinkNodeWithoutSelectorOrWithABadMarker() {
        assertRejectedAt(edit(SHOP, "\"selector\": \"a.product\", ", ""), "steps[0].config.phases[0].nodes[2].selector");
        assertRejectedAt(edit(SHOP, "\"marker\": \"product\"", "\"marker\": \"a product\""),
                "steps[0].config.phases[0].nodes[2].marker");
        assertRejectedAt(edit(SHOP, "\"limit\": 1000", "\"limit\": 0"), "steps[0].config.phases[0].nodes[2].limit");
    }

    @Test
    void rejectsAnInvalidFieldSelector() {
        assertRejectedAt(edit(SHOP, "\"selector\": \"h1.name\"", "\"selector\": \"h1..name\""),
                "steps[0].config.phases[1].nodes[1].fields.name.selector");
    }

    @Test
    void rejectsAnInvalidSelectorInNestedFields() {
        InvalidWorkflowException e = rejected(edit(SHOP, "\"name\": {\"selector\": \"h1.name\"}", """
                "seller": {"selector": "div.seller", "fields": {"name": {"selector": "span:nth-child("}}}"""));

        assertEquals(List.of("steps[0].config.phases[1].nodes[1].fields.seller.fields.name.selector"), paths(e));
    }

    @Test
    void rejectsKeyWithoutValueAndValueWithoutKey() {
        assertRejectedAt(edit(SHOP, ", \"value\": \"td\"", ""),
                "steps[0].config.phases[1].nodes[1].fields.attributes.value");
        assertRejectedAt(edit(SHOP, "\"key\": \"th\", ", ""),
                "steps[0].config.phases[1].nodes[1].fields.attributes.key");
    }

    @Test
    void rejectsAnExtractWithoutFields() {
        String extract = "{\"type\": \"extract\", \"fields\": {\"title\": {\"selector\": \"title\"}}}";
        assertRejectedAt(edit(MINIMAL, extract, "{\"type\": \"extract\"}"), "steps[0].config.phases[0].nodes[1].fields");
        assertRejectedAt(edit(MINIMAL, extract, "{\"type\": \"extract\", \"fields\": {}}"),
                "steps[0].config.phases[0].nodes[1].fields");
    }

    @Test
    void rejectsUnknownPropertiesAtAnyDepth() {
        assertRejectedAt(edit(SHOP, "\"maxDepth\"", "\"maxDepht\""), "steps[0].config.maxDepht");
        assertRejectedAt(edit(SHOP, "{\"selector\": \"span.sku\"}", "{\"selecter\": \"span.sku\"}"),
                "steps[0].config.phases[1].nodes[1].fields.sku.selecter");
        assertRejectedAt(edit(SHOP, "\"name\": \"shop\"", "\"name\": \"shop\", \"owner\": \"me\""), "owner");
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        InvalidWorkflowException e = rejected(edit(SHOP, "\"maxDepth\": 50", "\"maxDepth\": \"deep\""));

        assertEquals(List.of("steps[0].config.maxDepth"), paths(e));
        assertTrue(e.errors().get(0).message().startsWith("invalid value"), e.errors().get(0).message());
    }

    @Test
    void rejectsAnUnknownStepType() {
        InvalidWorkflowException e = rejected(edit(SHOP, "\"type\": \"crawl\"", "\"type\": \"scrape\""));

        assertEquals(List.of("steps[0].type"), paths(e));
        assertTrue(e.errors().get(0).message().contains("'scrape'"), e.errors().get(0).message());
        assertRejectedAt(edit(SHOP, "\"type\": \"crawl\", ", ""), "steps[0].type");
    }

    @Test
    void rejectsDuplicateStepIds() {
        String step = SHOP.substring(SHOP.indexOf("{\"id\": \"crawl\""), SHOP.lastIndexOf(']'));
        InvalidWorkflowException e = rejected(edit(SHOP, step, step + ", " + step));

        assertEquals(List.of("steps[1].id"), paths(e));
        assertTrue(e.errors().get(0).message().contains("duplicate step id 'crawl'"), e.errors().get(0).message());
    }

    @Test
    void rejectsBadStepIdsAndDependencies() {
        assertRejectedAt(edit(SHOP, "\"id\": \"crawl\"", "\"id\": \"crawl it\""), "steps[0].id");
        assertRejectedAt(edit(SHOP, "\"type\": \"crawl\",", "\"type\": \"crawl\", \"dependsOn\": [\"login\"],"),
                "steps[0].dependsOn[0]");
        assertRejectedAt(edit(SHOP, "\"type\": \"crawl\",", "\"type\": \"crawl\", \"dependsOn\": [\"crawl\"],"),
                "steps[0].dependsOn");
    }

    @Test
    void rejectsAMissingNameAndEmptySteps() {
        assertRejectedAt(edit(SHOP, "\"name\": \"shop\", ", ""), "name");
        assertRejectedAt(edit(SHOP, "\"name\": \"shop\"", "\"name\": \"  \""), "name");
        assertRejectedAt("{\"name\": \"shop\", \"steps\": []}", "steps");
        assertRejectedAt("{\"name\": \"shop\"}", "steps");
    }

    @Test
    void rejectsSomethingThatIsNotAnObject() throws JsonProcessingException {
        InvalidWorkflowException e = assertThrows(InvalidWorkflowException.class,
                () -> WorkflowParser.parse(JSON.readTree("[1, 2]")));
        assertEquals(List.of("$"), paths(e));
        assertEquals(List.of("$"), paths(assertThrows(InvalidWorkflowException.class, () -> WorkflowParser.parse(null))));
    }

    @Test
    void rejectsAStartPhaseThatDoesNotExist() {
        assertRejectedAt(edit(SHOP, "\"startPhase\": \"listing\"", "\"startPhase\": \"home\""),
                "steps[0].config.startPhase");
    }

    @Test
    void rejectsDuplicatePhaseIdsAndEmptyPhases() {
        assertRejectedAt(edit(MINIMAL, "{\"id\": \"second\"", "{\"id\": \"first\""), "steps[0].config.phases[1].id");
        assertRejectedAt(edit(MINIMAL, "{\"id\": \"second\", \"nodes\": [{\"type\": \"navigate\"}]}",
                "{\"id\": \"second\", \"nodes\": []}"), "steps[0].config.phases[1].nodes");
    }

    /** A browser crawl using every interaction node; {@code %s} is the renderer. */
    private static final String INTERACTIVE = """
            {"name": "spa", "steps": [{"id": "crawl", "type": "crawl", "config": {
               "startUrls": ["https://example.com/login"], "renderer": "%s",
               "browser": {"blockResources": ["image", "font"], "session": "execution",
                           "viewport": {"width": 1024, "height": 700}},
               "phases": [{"id": "orders", "requiredSelectors": ["tr.order"], "nodes": [
                 {"type": "navigate", "waitUntil": "networkidle", "timeoutMs": 5000},
                 {"type": "type", "selector": "#user", "text": "alice"},
                 {"type": "click", "selector": "button[type=submit]", "waitForNavigation": true},
                 {"type": "wait", "selector": "text=Orders"},
                 {"type": "scroll", "untilSelector": "tr.order", "untilCount": 40},
                 {"type": "screenshot", "fullPage": false},
                 {"type": "script", "expression": "() => ({title: document.title})", "as": "item"},
                 {"type": "repeat", "maxIterations": 5, "nodes": [
                    {"type": "extract", "selector": "tr.order", "fields": {"id": {"selector": "td.id"}}},
                    {"type": "click", "selector": "button.next"}]}]}]}}]}
            """;

    @Test
    void parsesBrowserNodesAndOptions() {
        CrawlConfig config = WorkflowParser.config(parse(INTERACTIVE.formatted("browser")).steps().get(0),
                CrawlConfig.class);

        assertEquals(CrawlConfig.Renderer.BROWSER, config.renderer());
        assertEquals(List.of("image", "font"), config.browser().blockResources());
        assertEquals(BrowserOptions.Session.EXECUTION, config.browser().session());
        assertEquals(new BrowserOptions.Viewport(1024, 700), config.browser().viewport());
        Phase phase = config.phases().get(0);
        assertEquals(List.of("tr.order"), phase.effectiveRequiredSelectors());
        assertTrue(phase.needsBrowser());
        assertEquals(new NavigateNode("networkidle", 5000L, null), phase.initialNavigation());
        assertEquals(new ClickNode("button[type=submit]", true, null, null, 1, false), phase.nodes().get(2));
        RepeatNode repeat = (RepeatNode) phase.nodes().get(7);
        assertEquals(5, repeat.maxIterations());
        assertEquals(ScriptNode.As.ITEM, ((ScriptNode) phase.nodes().get(6)).as());
        assertFalse(phase.nodes().get(1).toString().contains("alice"), "typed text stays out of toString");
    }

    @Test
    void defaultsBrowserOptionsAndRequiredSelectors() {
        CrawlConfig config = WorkflowParser.config(parse(SHOP).steps().get(0), CrawlConfig.class);

        assertEquals(BrowserOptions.DEFAULT, config.browser());
        assertEquals(BrowserOptions.Session.ISOLATED, config.browser().session());
        // The detail phase has an extract without item selector and no required field: nothing is required.
        assertEquals(List.of(), config.phase("detail").effectiveRequiredSelectors());
        assertFalse(config.phase("listing").needsBrowser());
    }

    @Test
    void rejectsInteractionNodesUnderTheHttpRenderer() {
        assertDoesNotThrow(() -> parse(INTERACTIVE.formatted("auto")));
        InvalidWorkflowException e = assertThrows(InvalidWorkflowException.class,
                () -> parse(INTERACTIVE.formatted("http")));
        List<String> paths = e.errors().stream().map(ValidationError::path).toList();
        assertEquals(List.of("steps[0].config.phases[0].nodes[1]", "steps[0].config.phases[0].nodes[2]",
                "steps[0].config.phases[0].nodes[4]", "steps[0].config.phases[0].nodes[5]",
                "steps[0].config.phases[0].nodes[6]", "steps[0].config.phases[0].nodes[7]",
                "steps[0].config.phases[0].nodes[7].nodes[1]"), paths);
        assertTrue(e.errors().get(1).message().contains("node 'click' needs renderer 'browser' or 'auto'"),
                e.errors().get(1).message());
        assertRejectedAt(edit(SHOP, "{\"type\": \"navigate\"}", "{\"type\": \"navigate\", \"url\": \"/x\"}"),
                "steps[0].config.phases[0].nodes[0].url");
    }

    @Test
    void rejectsBadBrowserNodeSettings() {
        String browser = INTERACTIVE.formatted("browser");
        assertRejectedAt(edit(browser, "\"waitUntil\": \"networkidle\"", "\"waitUntil\": \"idle\""),
                "steps[0].config.phases[0].nodes[0].waitUntil");
        assertRejectedAt(edit(browser, "{\"type\": \"wait\", \"selector\": \"text=Orders\"}",
                "{\"type\": \"wait\", \"selector\": \"text=Orders\", \"ms\": 5}"),
                "steps[0].config.phases[0].nodes[3]");
        assertRejectedAt(edit(browser, "\"untilCount\": 40", "\"untilCount\": 0"),
                "steps[0].config.phases[0].nodes[4].untilCount");
        assertRejectedAt(edit(browser, "\"as\": \"item\"", "\"as\": \"links\""),
                "steps[0].config.phases[0].nodes[6].marker");
        assertRejectedAt(edit(browser, "\"maxIterations\": 5", "\"maxIterations\": 0"),
                "steps[0].config.phases[0].nodes[7].maxIterations");
        assertRejectedAt(edit(browser, "{\"id\": {\"selector\": \"td.id\"}}", "{\"id\": {\"selector\": \"td[\"}}"),
                "steps[0].config.phases[0].nodes[7].nodes[0].fields.id.selector");
        assertRejectedAt(edit(browser, "[\"image\", \"font\"]", "[\"image\", \"fonts\"]"),
                "steps[0].config.browser.blockResources[1]");
        assertRejectedAt(edit(browser, "\"width\": 1024", "\"width\": 5"),
                "steps[0].config.browser.viewport.width");
        assertRejectedAt(edit(browser, "\"session\": \"execution\"", "\"session\": \"shared\""),
                "steps[0].config.browser.session");
        assertRejectedAt(edit(browser, "\"requiredSelectors\": [\"tr.order\"]", "\"requiredSelectors\": [\"tr[\"]"),
                "steps[0].config.phases[0].requiredSelectors[0]");
    }

    @Test
    void rejectsOutOfRangeNumbers() {
        assertRejectedAt(edit(SHOP, "\"maxDepth\": 50", "\"maxDepth\": -1"), "steps[0].config.maxDepth");
        assertRejectedAt(edit(SHOP, "\"maxPages\": 100000", "\"maxPages\": 0"), "steps[0].config.maxPages");
        assertRejectedAt(edit(SHOP, "\"requestsPerSecond\": 0", "\"requestsPerSecond\": -2"),
                "steps[0].config.rateLimit.requestsPerSecond");
        assertRejectedAt(edit(SHOP, "\"type\": \"crawl\",", "\"type\": \"crawl\", \"retry\": {\"maxAttempts\": 0},"),
                "steps[0].retry.maxAttempts");
    }

    @Test
    void acceptsZeroDepth() {
        CrawlConfig config = WorkflowParser.config(parse(edit(SHOP, "\"maxDepth\": 50", "\"maxDepth\": 0")).steps().get(0),
                CrawlConfig.class);

        assertEquals(0, config.maxDepth());
    }

    /** Bug: a negative retry delay passes validation; the worker then cannot schedule the retry. */
    @Test
    void rejectsANegativeRetryDelay() {
        assertRejectedAt(edit(SHOP, "\"type\": \"crawl\",",
                "\"type\": \"crawl\", \"retry\": {\"strategy\": \"fixed\", \"initialDelayMs\": -500},"),
                "steps[0].retry.initialDelayMs");
    }

    @Test
    void rejectsAnInvalidRegularExpression() {
        InvalidWorkflowException e = rejected(edit(SHOP, "\"allowedDomains\"",
                "\"includePatterns\": [\"/p/(\", \"/c/.*\"], \"excludePatterns\": [\"[\"], \"allowedDomains\""));

        assertEquals(List.of("steps[0].config.includePatterns[0]", "steps[0].config.excludePatterns[0]"), paths(e));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String json = edit(SHOP, "\"name\": \"shop\", ", "");
        json = edit(json, "\"http://127.0.0.1:18080/index.html\"", "\"ftp://x\", \"http://127.0.0.1:18080/\"");
        json = edit(json, "\"maxDepth\": 50", "\"maxDepth\": -3");
        json = edit(json, "\"a.cat, a.next\"", "\"a[href\"");
        json = edit(json, "\"product\": \"detail\"", "\"product\": \"details\"");
        json = edit(json, ", \"value\": \"td\"", "");

        InvalidWorkflowException e = rejected(json);

        assertEquals(List.of(
                "steps[0].config.startUrls[0]",
                "steps[0].config.maxDepth",
                "steps[0].config.phases[0].transitions.product",
                "steps[0].config.phases[0].nodes[1].selector",
                "steps[0].config.phases[1].nodes[1].fields.attributes.value",
                "name"), paths(e));
        assertEquals(e.errors().get(0).toString(), e.getMessage());
    }

    @Test
    void aTemplatedStartUrlNeedsExplicitAllowedDomains() {
        String templated = edit(SHOP, "\"http://127.0.0.1:18080/index.html\"", "\"{{ input.start }}\"");
        assertEquals("{{ input.start }}", WorkflowParser.config(WorkflowParser.parse(tree(templated)).steps().get(0),
                CrawlConfig.class).startUrls().get(0));

        assertRejectedAt(edit(templated, "\"allowedDomains\": [\"127.0.0.1\"], ", ""), "steps[0].config.allowedDomains");
        assertRejectedAt(edit(SHOP, "\"http://127.0.0.1:18080/index.html\"", "\"{{ input. }}\""),
                "steps[0].config.startUrls[0]");
    }

    @Test
    void acceptsSeveralCrawlSteps() {
        // Each crawl step owns its frontier, so a workflow may crawl more than once.
        String second = SHOP.substring(SHOP.indexOf("{\"id\": \"crawl\""), SHOP.lastIndexOf(']'))
                .replace("\"id\": \"crawl\"", "\"id\": \"again\"");
        WorkflowDefinition twice = WorkflowParser.parse(tree(edit(SHOP, "}]}]}}]}", "}]}]}}, " + second + "]}")));

        assertEquals(List.of("crawl", "again"), twice.steps().stream().map(s -> s.id()).toList());
    }

    @Test
    void reportsProblemsOfEveryStep() {
        String broken = SHOP.substring(SHOP.indexOf("{\"id\": \"crawl\""), SHOP.lastIndexOf(']'))
                .replace("\"id\": \"crawl\"", "\"id\": \"second\"")
                .replace("\"type\": \"extract_links\", \"selector\": \"a.cat", "\"type\": \"follow\", \"selector\": \"a.cat");
        String json = edit(edit(SHOP, "\"startPhase\": \"listing\"", "\"startPhase\": \"home\""),
                "}]}]}}]}", "}]}]}}, " + broken + "]}");

        assertEquals(List.of("steps[0].config.startPhase", "steps[1].config.phases[0].nodes[1].type"),
                paths(rejected(json)));
    }

    @Test
    void readsBackAStoredDefinition() throws Exception {
        WorkflowDefinition parsed = parse(SHOP);
        // The orchestrator stores the request body as written (re-serialised by PostgreSQL's jsonb).
        String stored = new com.fasterxml.jackson.databind.ObjectMapper().readTree(SHOP).toString();

        WorkflowDefinition read = WorkflowParser.readStored(stored);

        assertEquals(parsed, read);
        StepDefinition step = read.step("crawl");
        assertEquals(WorkflowParser.config(parsed.step("crawl"), CrawlConfig.class),
                WorkflowParser.config(step, CrawlConfig.class));
        assertEquals(io.crawlify.model.workflow.RetryPolicy.Strategy.EXPONENTIAL, step.retry().strategy());
    }

    @Test
    void refusesAnUnreadableStoredDefinition() {
        assertThrows(IllegalStateException.class, () -> WorkflowParser.readStored("{\"name\": \"x\", \"stepz\": []}"));
        assertThrows(IllegalStateException.class, () -> WorkflowParser.readStored("not json"));
    }

    @Test
    void bindsAStepConfigToItsType() {
        StepDefinition step = new StepDefinition("crawl", "crawl", tree("""
                {"startUrls": ["https://example.com/"], "maxPages": 7,
                 "phases": [{"id": "only", "nodes": [{"type": "extract_links", "selector": "a", "marker": "m"}]}]}
                """), null, null);

        CrawlConfig config = WorkflowParser.config(step, CrawlConfig.class);

        assertEquals(7, config.maxPages());
        assertEquals("only", config.startPhase());
        assertEquals(List.of(new ExtractLinksNode("a", "m", null, "href")), config.phase("only").nodes());
        assertNull(config.phase("missing"));
    }

    @Test
    void bindingAnInvalidStepConfigNamesThePath() {
        StepDefinition step = new StepDefinition("crawl", "crawl", tree("{\"startUrlz\": []}"), null, null);

        InvalidWorkflowException e = assertThrows(InvalidWorkflowException.class,
                () -> WorkflowParser.config(step, CrawlConfig.class));

        assertEquals(List.of("config.startUrlz"), paths(e));
    }

    private static WorkflowDefinition parse(String json) {
        return WorkflowParser.parse(tree(json));
    }

    private static InvalidWorkflowException rejected(String json) {
        return assertThrows(InvalidWorkflowException.class, () -> parse(json));
    }

    private static void assertRejectedAt(String json, String path) {
        InvalidWorkflowException e = rejected(json);
        assertEquals(List.of(path), paths(e), () -> "errors: " + e.errors());
    }

    private static List<String> paths(InvalidWorkflowException e) {
        return e.errors().stream().map(ValidationError::path).toList();
    }

    /**
     * Replaces the first occurrence of {@code from}; fails loudly if it is not there, so no case passes vacuously.
     */
    private static String edit(String json, String from, String to) {
        int at = json.indexOf(from);
        assertTrue(at >= 0, () -> "fixture does not contain " + from);
        return json.substring(0, at) + to + json.substring(at + from.length());
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("test fixture is not JSON: " + json, e);
        }
    }
}
