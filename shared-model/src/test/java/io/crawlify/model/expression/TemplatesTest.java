package io.crawlify.model.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class TemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ObjectNode CONTEXT = ExpressionContext.of(
            json("{\"user\": {\"id\": 42, \"name\": \"Ada\"}, \"tags\": [\"a\", \"b\"], \"none\": null}"),
            Map.of("fetch", json("{\"status\": 200, \"body\": {\"items\": [1, 2, 3]}}")),
            ExpressionContext.execution("e-1", "wf-1", 3, json("{\"type\": \"manual\"}")),
            json("{\"api\": \"s3cr3t-token\", \"db\": {\"username\": \"u\", \"password\": \"p\"}}"));

    @Test
    void aLoneTemplateKeepsItsType() {
        assertEquals(json("42"), Templates.render("{{ input.user.id }}", CONTEXT));
        assertEquals(json("[1, 2, 3]"), Templates.render("{{steps.fetch.output.body.items}}", CONTEXT));
        assertEquals(json("{\"id\": 42, \"name\": \"Ada\"}"), Templates.render("{{ input.user }}", CONTEXT));
        assertEquals(json("true"), Templates.render("{{ input.user.id > 40 }}", CONTEXT));
        assertEquals(json("null"), Templates.render("{{ input.nothing }}", CONTEXT));
    }

    @Test
    void mixedTextIsInterpolated() {
        assertEquals(json("\"https://api.test/users/42?name=Ada\""),
                Templates.render("https://api.test/users/{{ input.user.id }}?name={{ input.user.name }}", CONTEXT));
        assertEquals(json("\"tags: [\\\"a\\\",\\\"b\\\"] / none: \\\"\\\"\""),
                Templates.render("tags: {{ input.tags }} / none: \"{{ input.none }}\"", CONTEXT));
        assertEquals(json("\" 42\""), Templates.render(" {{ input.user.id }}", CONTEXT));
        assertEquals("42", Templates.renderText("{{ input.user.id }}", CONTEXT));
    }

    @Test
    void stringsWithoutTemplatesAreLeftAlone() {
        assertEquals(json("\"plain { text } }}\""), Templates.render("plain { text } }}", CONTEXT));
    }

    @Test
    void rendersEveryStringOfAJsonValue() {
        JsonNode config = json("""
                {"url": "https://x.test/{{ input.user.id }}", "headers": {"Authorization": "Bearer {{ credentials.api }}"},
                 "body": {"ids": "{{ steps.fetch.output.body.items }}", "nested": [{"n": "{{ execution.workflowVersion }}"}, 7, true, null],
                          "{{ not.rendered }}": "key"}}
                """);

        JsonNode rendered = Templates.render(config, CONTEXT);

        assertEquals(json("""
                {"url": "https://x.test/42", "headers": {"Authorization": "Bearer s3cr3t-token"},
                 "body": {"ids": [1, 2, 3], "nested": [{"n": 3}, 7, true, null], "{{ not.rendered }}": "key"}}
                """), rendered);
        assertEquals(json("\"https://x.test/{{ input.user.id }}\""), config.get("url"), "the input is not modified");
    }

    @Test
    void objectConstructorsInsideATemplate() {
        assertEquals(json("{\"a\": {\"b\": 42}}"), Templates.render("{{ {\"a\": {\"b\": input.user.id}} }}", CONTEXT));
        assertEquals(json("\"x}}y\""), Templates.render("{{ \"x}}y\" }}", CONTEXT));
    }

    @Test
    void splitsIntoSegmentsWithOffsets() {
        assertEquals(List.of(new Templates.Segment("a ", false, 0), new Templates.Segment(" x.y ", true, 4),
                new Templates.Segment(" b", false, 11)), Templates.parse("a {{ x.y }} b"));
        assertEquals(List.of(" x ", "y"), Templates.expressions("{{ x }}-{{y}}"));
    }

    @Test
    void badTemplatesAreExpressionErrorsWithTheirPositionInTheString() {
        ExpressionException unterminated = assertThrows(ExpressionException.class, () -> Templates.parse("a {{ b"));
        assertEquals(2, unterminated.position());
        assertThrows(ExpressionException.class, () -> Templates.parse("{{  }}"));

        ExpressionException syntax = assertThrows(ExpressionException.class,
                () -> Templates.compile("https://x.test/{{ input.[ }}"));
        assertEquals("https://x.test/{{ input.[ }}", syntax.expression());
        assertTrue(syntax.position() >= 17, "position " + syntax.position());

        ExpressionException runtime = assertThrows(ExpressionException.class,
                () -> Templates.render("id: {{ input.user.name + 1 }}", CONTEXT));
        assertEquals("T2001", runtime.code());
    }

    @Test
    void findsTheCredentialsAConfigReads() {
        JsonNode config = json("""
                {"url": "https://x.test/?k={{ credentials.api }}",
                 "headers": {"X-A": "{{ credentials.`with-dash` }}", "X-B": "{{ $lookup(credentials, 'looked') }}",
                             "X-C": "{{ credentials[\\"indexed\\"] }}", "X-D": "{{ $$.credentials.rooted }}"},
                 "body": {"note": "{{ \\"credentials.quoted\\" }}", "data": "{{ input.credentials.notmine }}"},
                 "auth": {"type": "bearer", "credential": "authcred"},
                 "expression": "credentials.fromexpr & 'x'"}
                """);

        assertEquals(Set.of("api", "with-dash", "looked", "indexed", "rooted", "authcred", "fromexpr"),
                Templates.credentialNames(config));
        assertEquals(Set.of(), Templates.credentialNames(json("{\"a\": \"no templates\"}")));
    }

    @Test
    void findsTheStepsAnExpressionReads() {
        assertEquals(Set.of("fetch", "with-dash", "looked", "rooted"), Templates.stepReferences(
                "steps.fetch.output & steps.`with-dash`.output & $lookup(steps, \"looked\") & $$.steps.rooted.output"
                        + " & \"steps.quoted\" & input.steps.data"));
        // A hyphenated id without backticks reads as subtraction: the reference found is the part before '-'.
        assertEquals(Set.of("fetch"), Templates.stepReferences("steps.fetch-data.output"));
    }

    @Test
    void itemContextSharesTheParentsMembers() {
        ObjectNode item = ExpressionContext.withItem(CONTEXT, json("{\"sku\": 1}"), 4);
        assertEquals(json("4"), Templates.render("{{ index }}", item));
        assertEquals(json("1"), Templates.render("{{ item.sku }}", item));
        assertSame(CONTEXT.get("input"), item.get("input"));
        assertTrue(CONTEXT.get("item") == null, "the parent is not modified");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
