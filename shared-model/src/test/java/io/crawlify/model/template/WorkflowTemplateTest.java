package io.crawlify.model.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.validation.InvalidWorkflowException;
import io.crawlify.model.error.ValidationError;
import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.model.workflow.WorkflowDefinition;

class WorkflowTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A crawl of one site: its start URL is required, the page budget and the renderer have defaults. */
    private static final String SITE = """
            {"name": "site-crawl", "description": "crawl one site",
             "parameters": [
               {"name": "startUrl", "description": "where to start", "required": true},
               {"name": "host", "required": true},
               {"name": "maxPages", "default": 100},
               {"name": "renderer", "default": "http"},
               {"name": "domains", "default": ["example.com"]},
               {"name": "delayMs"}],
             "definition": {"name": "crawl of [[ host ]]", "steps": [{"id": "crawl", "type": "crawl",
               "timeoutMs": "[[ delayMs ]]",
               "config": {
                 "startUrls": ["[[ startUrl ]]"], "maxPages": "[[maxPages]]", "renderer": "[[ renderer ]]",
                 "allowedDomains": "[[ domains ]]",
                 "phases": [{"id": "page", "nodes": [{"type": "navigate"},
                   {"type": "extract", "fields": {"title": {"selector": "title"},
                      "note": {"selector": "p.note[data-host='[[ host ]]']"},
                      "label": {"selector": "h1", "attr": "data-{{ input.label }}"}}}]}]}}]}}
            """;

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<ValidationError> errors(String body) {
        return assertThrows(InvalidTemplateException.class, () -> WorkflowTemplate.parse(json(body))).errors();
    }

    @Test
    void substitutesWholeStringsByTypeAndInterpolatesTheRest() {
        WorkflowTemplate template = WorkflowTemplate.parse(json(SITE));
        ObjectNode workflow = template.instantiate(null, json("""
                {"startUrl": "https://shop.example.com/", "host": "shop.example.com", "maxPages": 7}"""));

        assertEquals("crawl of shop.example.com", workflow.get("name").textValue());
        JsonNode config = workflow.at("/steps/0/config");
        assertEquals(json("[\"https://shop.example.com/\"]"), config.get("startUrls"));
        assertTrue(config.get("maxPages").isInt(), "a whole-string placeholder keeps the value's type");
        assertEquals(7, config.get("maxPages").intValue());
        assertEquals("http", config.get("renderer").textValue(), "the default");
        assertEquals(json("[\"example.com\"]"), config.get("allowedDomains"), "an array default");
        assertTrue(workflow.at("/steps/0/timeoutMs").isNull(), "an optional parameter without default is null");
        assertEquals("p.note[data-host='shop.example.com']",
                config.at("/phases/0/nodes/1/fields/note/selector").textValue());
        assertEquals("data-{{ input.label }}", config.at("/phases/0/nodes/1/fields/label/attr").textValue(),
                "runtime expressions pass through");

        WorkflowDefinition definition = WorkflowParser.parse(workflow);
        CrawlConfig crawl = WorkflowParser.config(definition.steps().get(0), CrawlConfig.class);
        assertEquals(7, crawl.maxPages());
        assertEquals(List.of("https://shop.example.com/"), crawl.startUrls());
    }

    @Test
    void interpolatesNonStringValuesAsJsonAndKeysAsText() {
        WorkflowTemplate template = WorkflowTemplate.parse(json("""
                {"name": "t", "parameters": [{"name": "n", "default": 3}, {"name": "obj", "default": {"a": [1]}},
                                             {"name": "key", "default": "x-token"}],
                 "definition": {"name": "w", "description": "n=[[ n ]] obj=[[ obj ]]", "steps": [
                   {"id": "s", "type": "crawl", "config": {"startUrls": ["https://example.com/"],
                     "phases": [{"id": "p", "nodes": [{"type": "extract", "fields": {
                       "[[ key ]]": {"selector": "h1"}}}]}]}}]}}"""));
        ObjectNode workflow = template.instantiate("renamed", null);
        assertEquals("renamed", workflow.get("name").textValue(), "the caller's name wins");
        assertEquals("n=3 obj={\"a\":[1]}", workflow.get("description").textValue());
        assertTrue(workflow.at("/steps/0/config/phases/0/nodes/0/fields").has("x-token"));
    }

    @Test
    void namesTheWorkflowAfterTheTemplateWhenTheDefinitionDoesNot() {
        WorkflowTemplate template = WorkflowTemplate.parse(json("""
                {"name": "nameless", "definition": {"steps": [{"id": "s", "type": "crawl", "config": {
                   "startUrls": ["https://example.com/"], "phases": [{"id": "p", "nodes": [{"type": "navigate"}]}]}}]}}
                """));
        assertEquals("nameless", template.instantiate(null, json("{}")).get("name").textValue());
    }

    @Test
    void rejectsPlaceholdersOfUndeclaredParametersWithTheirPath() {
        List<ValidationError> errors = errors(SITE.replace("\"[[ renderer ]]\"", "\"[[ renderr ]]\"")
                .replace("crawl of [[ host ]]", "crawl of [[ host name ]]"));
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("definition.name", errors.get(0).path());
        assertTrue(errors.get(0).message().contains("not a parameter placeholder"), errors.toString());
        assertEquals("definition.steps[0].config.renderer", errors.get(1).path());
        assertTrue(errors.get(1).message().contains("unknown parameter 'renderr'"), errors.toString());
    }

    @Test
    void rejectsBadParameterDeclarations() {
        List<ValidationError> errors = errors("""
                {"name": " ", "parameters": [{"name": "1st"}, {"name": "a"}, {"name": "a"},
                                             {"name": "b", "required": true, "default": 1}],
                 "definition": {"name": "w", "steps": []}}""");
        assertEquals(List.of("name", "parameters[0].name", "parameters[2].name", "parameters[3].default"),
                errors.stream().map(ValidationError::path).toList());
        assertEquals("parameters[0].wat", errors("""
                {"name": "t", "parameters": [{"name": "a", "wat": 1}], "definition": {}}""").get(0).path());
        assertEquals("definition", errors("{\"name\": \"t\", \"definition\": [1]}").get(0).path());
    }

    @Test
    void validatesTheWorkflowWithDefaultsButForgivesRequiredPlaceholders() {
        // startUrl is required: "[[ startUrl ]]" is no URL, yet the template is fine until instantiated.
        WorkflowTemplate.parse(json(SITE));

        List<ValidationError> errors = errors(SITE.replace("{\"name\": \"renderer\", \"default\": \"http\"}",
                "{\"name\": \"renderer\", \"default\": \"teleport\"}").replace("\"type\": \"navigate\"",
                "\"type\": \"navigate\", \"bogus\": 1"));
        assertEquals("definition.steps[0].config.renderer", errors.get(0).path(), errors.toString());
    }

    @Test
    void instantiationNamesMissingAndUnknownParameters() {
        WorkflowTemplate template = WorkflowTemplate.parse(json(SITE));
        List<ValidationError> errors = assertThrows(InvalidTemplateException.class, () -> template.instantiate(null,
                json("{\"startUrl\": null, \"colour\": \"red\"}"))).errors();
        assertEquals(List.of("parameters.colour", "parameters.startUrl", "parameters.host"),
                errors.stream().map(ValidationError::path).toList());
        assertTrue(errors.get(1).message().contains("where to start"));
        assertEquals("parameters", assertThrows(InvalidTemplateException.class,
                () -> template.instantiate(null, json("[1]"))).errors().get(0).path());
    }

    @Test
    void anInstanceThatIsNoValidWorkflowFailsInTheParserWithWorkflowPaths() {
        WorkflowTemplate template = WorkflowTemplate.parse(json(SITE));
        ObjectNode workflow = template.instantiate(null, json("{\"startUrl\": \"not a url\", \"host\": \"h\"}"));
        InvalidWorkflowException e = assertThrows(InvalidWorkflowException.class, () -> WorkflowParser.parse(workflow));
        assertEquals("steps[0].config.startUrls[0]", e.errors().get(0).path());
    }

    @Test
    void readsStoredParametersBack() throws JsonProcessingException {
        WorkflowTemplate template = WorkflowTemplate.parse(json(SITE));
        JsonNode stored = json(JSON.writeValueAsString(template.parameters()));
        assertEquals(100, stored.get(2).get("default").intValue());
        WorkflowTemplate read = WorkflowTemplate.stored(template.name(), null, stored, template.definition());
        assertEquals(template.parameters(), read.parameters());
    }
}
