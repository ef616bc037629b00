package io.crawlify.model.validation;

import io.crawlify.model.error.Path;
import io.crawlify.model.error.ValidationError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.step.CommandConfig;
import io.crawlify.model.step.ConditionConfig;
import io.crawlify.model.step.ForEachConfig;
import io.crawlify.model.step.HttpAuth;
import io.crawlify.model.step.HttpRequestConfig;
import io.crawlify.model.step.ResponseType;
import io.crawlify.model.step.TransformConfig;
import io.crawlify.model.step.ValidateConfig;
import io.crawlify.model.step.WaitConfig;
import io.crawlify.model.step.WebhookCallConfig;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.step.StepTypes;
import io.crawlify.model.workflow.WorkflowDefinition;

/** The API step types: typed configs, their defaults, and write-time checks naming the exact path. */
class StepConfigParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Every non-crawl type in one DAG: fetch → shape → check → any →(then) each → report, any →(else) idle.
     * Each invalid case below edits one spot of it.
     */
    private static final String API = """
            {"name": "api", "steps": [
              {"id": "fetch", "type": "http_request", "config": {
                 "url": "https://api.test/items?since={{ input.since }}", "headers": {"Accept": "application/json"},
                 "query": {"page": "1"}, "auth": {"type": "bearer", "credential": "api"}, "expectStatus": [200]}},
              {"id": "shape", "type": "transform", "dependsOn": ["fetch"], "config": {
                 "expression": "steps.fetch.output.body.items.{\\"sku\\": sku, \\"price\\": price}"}},
              {"id": "check", "type": "validate", "dependsOn": ["shape"], "config": {
                 "schema": {"type": "array", "items": {"type": "object", "required": ["sku"]}},
                 "value": "steps.shape.output"}},
              {"id": "any", "type": "condition", "dependsOn": ["check"], "config": {
                 "expression": "$count(steps.shape.output) > 0", "then": ["each"], "else": ["idle"]}},
              {"id": "each", "type": "for_each", "dependsOn": ["any"], "config": {
                 "items": "steps.shape.output", "concurrency": 8, "step": {"type": "webhook_call", "timeoutMs": 2000,
                   "config": {"url": "https://hooks.test/{{ item.sku }}",
                              "body": {"n": "{{ index }}", "total": "{{ $count(steps.shape.output) }}"}}}}},
              {"id": "idle", "type": "wait", "dependsOn": ["any"], "config": {"duration": "PT5S"}},
              {"id": "report", "type": "command", "dependsOn": ["each"], "config": {
                 "command": "sh", "args": ["-c", "echo {{ $count(steps.each.output) }} {{ steps.fetch.output.status }}"],
                 "env": {"MODE": "x"}, "timeoutMs": 5000}}]}
            """;

    @Test
    void parsesEveryStepTypeWithItsDefaults() {
        WorkflowDefinition definition = parse(API);

        HttpRequestConfig fetch = config(definition, "fetch", HttpRequestConfig.class);
        assertEquals("GET", fetch.method());
        assertEquals(Map.of("Accept", "application/json"), fetch.headers());
        assertEquals(new HttpAuth(HttpAuth.Type.BEARER, "api", null), fetch.auth());
        assertEquals(ResponseType.AUTO, fetch.responseType());
        assertEquals(true, fetch.followRedirects());
        assertTrue(fetch.expects(200));
        assertTrue(!fetch.expects(201));

        assertTrue(config(definition, "shape", TransformConfig.class).expression().startsWith("steps.fetch"));
        assertEquals("steps.shape.output", config(definition, "check", ValidateConfig.class).value());

        ConditionConfig any = config(definition, "any", ConditionConfig.class);
        assertEquals(List.of("each"), any.selected(true));
        assertEquals(List.of("idle"), any.skipped(true));
        assertEquals(List.of("idle"), any.selected(false));

        ForEachConfig each = config(definition, "each", ForEachConfig.class);
        assertEquals(8, each.concurrency());
        assertEquals(true, each.failFast());
        assertEquals("webhook_call", each.step().type());
        assertEquals(2000L, each.step().timeoutMs());
        WebhookCallConfig hook = (WebhookCallConfig) WorkflowParser.stepConfig("webhook_call", each.step().config());
        assertEquals("POST", hook.method());

        WaitConfig idle = config(definition, "idle", WaitConfig.class);
        assertEquals(Duration.ofSeconds(5), idle.delay(Instant.EPOCH));

        CommandConfig report = config(definition, "report", CommandConfig.class);
        assertEquals(List.of("-c", "echo {{ $count(steps.each.output) }} {{ steps.fetch.output.status }}"), report.args());
        assertEquals(5000L, report.timeoutMs());
    }

    /** The example of the "Step types" section of docs/workflows.md is a valid workflow. */
    @Test
    void theReadmeExampleParses() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "workflows.md"));
        int start = readme.indexOf("{\"name\": \"orders\"");
        assertTrue(start > 0, "docs/workflows.md example not found");
        String example = readme.substring(start, readme.indexOf("```", start));

        WorkflowDefinition definition = parse(example);

        assertEquals(List.of("fetch", "open", "check", "any", "notify", "later", "report"),
                definition.steps().stream().map(StepDefinition::id).toList());
        assertEquals(java.util.Set.of("shop-api"), io.crawlify.model.expression.Templates.credentialNames(
                definition.step("fetch").config()));
    }

    @Test
    void everyTypeIsRegisteredWithItsConfig() {
        assertEquals(List.of("crawl", "http_request", "webhook_call", "transform", "condition", "for_each", "wait",
                "validate", "command"), List.copyOf(StepTypes.known()));
        assertEquals(ForEachConfig.class, StepTypes.configType("for_each"));
        assertEquals(List.of("http_request", "webhook_call", "transform", "condition", "wait", "validate", "command"),
                StepTypes.nestableNames());
        assertNull(StepTypes.configType("nope"));
    }

    @Test
    void defaultsWhenLeftOut() {
        WorkflowDefinition definition = parse("""
                {"name": "d", "steps": [
                  {"id": "hook", "type": "webhook_call", "config": {"url": "https://hooks.test/x"}},
                  {"id": "v", "type": "validate", "config": {"schema": {"type": "object"}}},
                  {"id": "loop", "type": "for_each", "config": {"items": "input.list",
                     "step": {"type": "transform", "config": {"expression": "item * 2"}}}}]}
                """);
        assertEquals("POST", config(definition, "hook", WebhookCallConfig.class).method());
        assertEquals(List.of(), config(definition, "hook", WebhookCallConfig.class).expectStatus());
        assertEquals("input", config(definition, "v", ValidateConfig.class).value());
        assertEquals(4, config(definition, "loop", ForEachConfig.class).concurrency());
    }

    @Test
    void rejectsAnUnknownConfigProperty() {
        assertRejectedAt(edit(API, "\"query\": {", "\"querry\": {"), "steps[0].config.querry");
        assertRejectedAt(edit(API, "\"timeoutMs\": 2000,", "\"timeoutMs\": 2000, \"retry\": {},"),
                "steps[4].config.step.retry");
        assertRejectedAt(edit(API, "\"body\": {\"n\"", "\"bodyy\": {\"n\""), "steps[4].config.step.config.bodyy");
    }

    @Test
    void rejectsAnExpressionThatDoesNotCompile() {
        InvalidWorkflowException e = rejected(edit(API, "items.{\\\"sku\\\"", "items.{\\\"sku\\\" ++"));

        assertEquals(List.of("steps[1].config.expression"), paths(e));
        assertTrue(e.errors().get(0).message().startsWith("invalid expression"), e.errors().get(0).message());
        assertTrue(e.errors().get(0).message().contains("position"), e.errors().get(0).message());

        assertRejectedAt(edit(API, "\"$count(steps.shape.output) > 0\"", "\"$count(steps.shape.output) >\""),
                "steps[3].config.expression");
        assertRejectedAt(edit(API, "\"items\": \"steps.shape.output\"", "\"items\": \"steps.shape.output[\""),
                "steps[4].config.items");
        assertRejectedAt(edit(API, "\"value\": \"steps.shape.output\"", "\"value\": \"(steps.shape.output\""),
                "steps[2].config.value");
    }

    @Test
    void rejectsATemplateThatDoesNotCompileAtTheStringsPath() {
        assertRejectedAt(edit(API, "\"Accept\": \"application/json\"", "\"Accept\": \"{{ input.[ }}\""),
                "steps[0].config.headers.Accept");
        assertRejectedAt(edit(API, "since={{ input.since }}", "since={{ input.since"), "steps[0].config.url");
        assertRejectedAt(edit(API, "\"{{ index }}\"", "\"{{ index + }}\""), "steps[4].config.step.config.body.n");
        InvalidWorkflowException e = rejected(edit(API, "\"args\": [\"-c\", \"echo", "\"args\": [\"-c\", \"echo {{ ) }}"));
        assertEquals(List.of("steps[6].config.args[1]"), paths(e));
        assertTrue(e.errors().get(0).message().startsWith("invalid template"), e.errors().get(0).message());
    }

    @Test
    void anExpressionFieldMayBeWrittenAsATemplate() {
        WorkflowDefinition definition = parse(edit(API, "\"items\": \"steps.shape.output\"",
                "\"items\": \"{{ steps.shape.output }}\""));
        assertEquals("{{ steps.shape.output }}", config(definition, "each", ForEachConfig.class).items());
    }

    @Test
    void rejectsReadingAStepThatDoesNotRunBefore() {
        InvalidWorkflowException e = rejected(edit(API, "since={{ input.since }}", "since={{ steps.shape.output }}"));

        assertEquals(List.of("steps[0].config.url"), paths(e));
        assertTrue(e.errors().get(0).message().contains("'shape'"), e.errors().get(0).message());
        assertTrue(e.errors().get(0).message().contains("dependsOn"), e.errors().get(0).message());

        // A sibling branch is not upstream either.
        assertRejectedAt(edit(API, "{\"duration\": \"PT5S\"}", "{\"until\": \"{{ steps.each.output[0] }}\"}"),
                "steps[5].config.until");
        // Nor is the step itself.
        assertRejectedAt(edit(API, "\"value\": \"steps.shape.output\"", "\"value\": \"steps.check.output\""),
                "steps[2].config.value");
        // Nested steps read what their for_each may read.
        assertRejectedAt(edit(API, "$count(steps.shape.output) }}\"}", "$count(steps.report.output) }}\"}"),
                "steps[4].config.step.config.body.total");
    }

    @Test
    void readingAnyTransitiveDependencyIsAllowed() {
        // report depends on each only; fetch is four steps upstream.
        assertEquals(7, parse(API).steps().size());
        parse(edit(API, "\"env\": {\"MODE\": \"x\"}", "\"env\": {\"MODE\": \"{{ steps.`fetch`.output.status }}\"}"));
    }

    @Test
    void rejectsReadingAnUnknownStep() {
        InvalidWorkflowException e = rejected(edit(API, "since={{ input.since }}", "since={{ steps.nope.output }}"));
        assertEquals(List.of("steps[0].config.url"), paths(e));
        assertTrue(e.errors().get(0).message().contains("unknown step 'nope'"), e.errors().get(0).message());

        InvalidWorkflowException hyphen = rejected(edit(API, "\"value\": \"steps.shape.output\"",
                "\"value\": \"steps.sha-pe.output\""));
        assertTrue(hyphen.errors().get(0).message().contains("steps.`"), hyphen.errors().get(0).message());
    }

    @Test
    void conditionBranchesMustBeItsDirectDependants() {
        InvalidWorkflowException e = rejected(edit(API, "\"then\": [\"each\"]", "\"then\": [\"report\"]"));
        assertEquals(List.of("steps[3].config.then[0]"), paths(e));
        assertTrue(e.errors().get(0).message().contains("dependsOn"), e.errors().get(0).message());

        assertRejectedAt(edit(API, "\"else\": [\"idle\"]", "\"else\": [\"idle\", \"ghost\"]"), "steps[3].config.else[1]");
        assertRejectedAt(edit(API, "\"else\": [\"idle\"]", "\"else\": [\"each\"]"), "steps[3].config.else[0]");
        assertRejectedAt(edit(API, "\"then\": [\"each\"], \"else\": [\"idle\"]", "\"then\": []"), "steps[3].config");
    }

    @Test
    void forEachRunsOnlyNestableTypes() {
        InvalidWorkflowException e = rejected(edit(API, "\"step\": {\"type\": \"webhook_call\"",
                "\"step\": {\"type\": \"crawl\""));
        assertEquals(List.of("steps[4].config.step.type"), paths(e));
        assertRejectedAt(edit(API, "\"step\": {\"type\": \"webhook_call\"", "\"step\": {\"type\": \"for_each\""),
                "steps[4].config.step.type");
        assertRejectedAt(edit(API, "\"step\": {\"type\": \"webhook_call\"", "\"step\": {\"type\": \"teleport\""),
                "steps[4].config.step.type");
        assertRejectedAt(edit(API, "\"concurrency\": 8", "\"concurrency\": 65"), "steps[4].config.concurrency");
        assertRejectedAt(edit(API, "\"timeoutMs\": 2000", "\"timeoutMs\": 0"), "steps[4].config.step.timeoutMs");
        assertRejectedAt(edit(API, "\"url\": \"https://hooks.test/{{ item.sku }}\"", "\"url\": \"hooks.test/x\""),
                "steps[4].config.step.config.url");
    }

    @Test
    void checksHttpConfigs() {
        assertRejectedAt(edit(API, "\"url\": \"https://api.test/items", "\"url\": \"ftp://api.test/items"),
                "steps[0].config.url");
        assertRejectedAt(edit(API, "\"url\": \"https://api.test/items?since={{ input.since }}\"",
                "\"url\": \"/items\""), "steps[0].config.url");
        assertRejectedAt(edit(API, "\"headers\": {", "\"method\": \"FETCH\", \"headers\": {"), "steps[0].config.method");
        assertRejectedAt(edit(API, "\"Accept\":", "\"Bad Header\":"), "steps[0].config.headers.Bad Header");
        assertRejectedAt(edit(API, "\"query\": {", "\"body\": {\"a\": 1}, \"rawBody\": \"x\", \"query\": {"),
                "steps[0].config.rawBody");
        assertRejectedAt(edit(API, "\"expectStatus\": [200]", "\"expectStatus\": [200, 99]"),
                "steps[0].config.expectStatus[1]");
        assertRejectedAt(edit(API, "{\"type\": \"bearer\", \"credential\": \"api\"}", "{\"type\": \"query\", \"credential\": \"api\"}"),
                "steps[0].config.auth.name");
        assertRejectedAt(edit(API, "{\"type\": \"bearer\", \"credential\": \"api\"}", "{\"type\": \"header\", \"credential\": \"api\", \"name\": \"X Key\"}"),
                "steps[0].config.auth.name");
        assertRejectedAt(edit(API, "{\"type\": \"bearer\", \"credential\": \"api\"}", "{\"type\": \"bearer\", \"credential\": \"api\", \"name\": \"X\"}"),
                "steps[0].config.auth.name");
        // A header credential may hold its header names itself.
        parse(edit(API, "{\"type\": \"bearer\", \"credential\": \"api\"}", "{\"type\": \"header\", \"credential\": \"api\"}"));
        assertRejectedAt(edit(API, "{\"type\": \"bearer\", \"credential\": \"api\"}", "{\"type\": \"bearer\"}"),
                "steps[0].config.auth.credential");
        assertRejectedAt(edit(API, "{\"type\": \"bearer\", \"credential\": \"api\"}", "{\"type\": \"oauth\", \"credential\": \"api\"}"),
                "steps[0].config.auth.type");
        assertEquals(ResponseType.TEXT, config(parse(edit(API, "\"expectStatus\": [200]",
                "\"expectStatus\": [200], \"responseType\": \"text\"")), "fetch", HttpRequestConfig.class).responseType());
        assertRejectedAt(edit(API, "\"expectStatus\": [200]", "\"expectStatus\": [200], \"responseType\": \"xml\""),
                "steps[0].config.responseType");
        // Templated URLs are checked when they render; a whole-template URL is fine on write.
        parse(edit(API, "\"url\": \"https://api.test/items?since={{ input.since }}\"", "\"url\": \"{{ input.url }}\""));
        parse(edit(API, "\"headers\": {", "\"method\": \"{{ input.method }}\", \"headers\": {"));
    }

    @Test
    void checksWaits() {
        assertRejectedAt(edit(API, "{\"duration\": \"PT5S\"}", "{\"duration\": \"5s\"}"), "steps[5].config.duration");
        assertRejectedAt(edit(API, "{\"duration\": \"PT5S\"}", "{\"duration\": \"PT5S\", \"durationMs\": 5}"),
                "steps[5].config");
        assertRejectedAt(edit(API, "{\"duration\": \"PT5S\"}", "{}"), "steps[5].config");
        assertRejectedAt(edit(API, "{\"duration\": \"PT5S\"}", "{\"durationMs\": -1}"), "steps[5].config.durationMs");
        assertRejectedAt(edit(API, "{\"duration\": \"PT5S\"}", "{\"until\": \"tomorrow\"}"), "steps[5].config.until");
        parse(edit(API, "{\"duration\": \"PT5S\"}", "{\"until\": \"2030-01-01T09:00:00+02:00\"}"));
        parse(edit(API, "{\"duration\": \"PT5S\"}", "{\"until\": \"{{ input.notBefore }}\"}"));
    }

    @Test
    void untilAndDurationResolveToADelay() {
        Instant now = Instant.parse("2030-01-01T08:00:00Z");
        assertEquals(Duration.ofMinutes(90), new WaitConfig(null, null, "2030-01-01T09:30:00Z").delay(now));
        assertEquals(Duration.ofHours(-1).plusHours(1), new WaitConfig(null, null, "2030-01-01T07:00:00Z").delay(now));
        assertEquals(now, new WaitConfig(null, null, "2030-01-01T07:00:00Z").end(now));
        assertEquals(Duration.ofMillis(1500), new WaitConfig(1500L, null, null).delay(now));
        assertEquals(now.plusSeconds(90), new WaitConfig(null, "PT1M30S", null).end(now));
    }

    @Test
    void checksSchemasOfValidateSteps() {
        InvalidWorkflowException e = rejected(edit(API, "\"items\": {\"type\": \"object\"", "\"items\": {\"type\": \"obj\""));
        assertTrue(paths(e).stream().allMatch(p -> p.equals("steps[2].config.schema.items.type")), paths(e).toString());

        assertRejectedAt(edit(API, "\"schema\": {\"type\": \"array\",", "\"schema\": {\"$schema\": \"https://x.invalid/s\", \"type\": \"array\","),
                "steps[2].config.schema.$schema");
        assertRejectedAt(edit(API, "\"schema\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"required\": [\"sku\"]}},", ""),
                "steps[2].config.schema");
        assertRejectedAt(edit(API, "\"schema\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"required\": [\"sku\"]}}",
                "\"schema\": 5"), "steps[2].config.schema");
    }

    @Test
    void checksTheShapeOfCommands() {
        assertRejectedAt(edit(API, "\"command\": \"sh\"", "\"command\": \" \""), "steps[6].config.command");
        assertRejectedAt(edit(API, "\"MODE\": \"x\"", "\"MO-DE\": \"x\""), "steps[6].config.env.MO-DE");
        assertRejectedAt(edit(API, "\"timeoutMs\": 5000", "\"timeoutMs\": 0"), "steps[6].config.timeoutMs");
    }

    @Test
    void checksARenderedConfigBeforeItRuns() {
        HttpRequestConfig ok = (HttpRequestConfig) WorkflowParser.stepConfig("http_request",
                tree("{\"url\": \"https://api.test/42\", \"method\": \"post\", \"query\": {\"n\": 2}}"));
        assertEquals("POST", ok.method());
        assertEquals(Map.of("n", "2"), ok.query());

        InvalidWorkflowException e = assertThrows(InvalidWorkflowException.class,
                () -> WorkflowParser.stepConfig("http_request", tree("{\"url\": \"not a url\"}")));
        assertEquals(List.of("config.url"), paths(e));
        assertInstanceOf(TransformConfig.class, WorkflowParser.stepConfig("transform", tree("{\"expression\": \"1\"}")));
    }

    @Test
    void rendersTemplatesButNotExpressionOrLiteralFields() {
        JsonNode context = tree("{\"input\": {\"n\": 3, \"host\": \"api.test\"}}");
        JsonNode forEach = tree("""
                {"items": "{{ input.list }}", "concurrency": "{{ input.n }}",
                 "step": {"type": "transform", "config": {"expression": "{{ item }}"}}}
                """);

        JsonNode rendered = StepTypes.type("for_each").render(forEach, context);

        assertEquals(tree("""
                {"items": "{{ input.list }}", "concurrency": 3,
                 "step": {"type": "transform", "config": {"expression": "{{ item }}"}}}
                """), rendered);
        assertEquals(tree("{\"url\": \"https://api.test/x\", \"headers\": {\"N\": \"3\"}}"),
                StepTypes.type("http_request").render(
                        tree("{\"url\": \"https://{{ input.host }}/x\", \"headers\": {\"N\": \"{{ input.n & '' }}\"}}"),
                        context));

        io.crawlify.model.expression.ExpressionException e = assertThrows(
                io.crawlify.model.expression.ExpressionException.class,
                () -> StepTypes.type("http_request").render(tree("{\"headers\": {\"X\": [\"{{ input.n + 'a' }}\"]}}"),
                        context));
        assertTrue(e.getMessage().startsWith("config.headers.X[0]: "), e.getMessage());
    }

    private static <T> T config(WorkflowDefinition definition, String id, Class<T> type) {
        StepDefinition step = definition.step(id);
        return WorkflowParser.config(step, type);
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

    /** Replaces the first occurrence of {@code from}; fails loudly if it is not there. */
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
