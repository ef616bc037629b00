package io.crawlify.model.validation;

import io.crawlify.model.error.ValidationError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.trigger.EventTrigger;
import io.crawlify.model.trigger.ScheduleTrigger;
import io.crawlify.model.trigger.WebhookTrigger;
import io.crawlify.model.workflow.WorkflowDefinition;

class TriggerValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode workflow(String triggers) throws Exception {
        return JSON.readTree("""
                {"name": "t", "steps": [{"id": "crawl", "type": "crawl", "config": {
                   "startUrls": ["https://example.com/"],
                   "phases": [{"id": "p", "nodes": [{"type": "navigate"}]}]}}],
                 "triggers": %s}""".formatted(triggers));
    }

    private static List<ValidationError> errors(String triggers) throws Exception {
        return assertThrows(InvalidWorkflowException.class, () -> WorkflowParser.parse(workflow(triggers))).errors();
    }

    @Test
    void parsesEveryTriggerTypeWithItsDefaults() throws Exception {
        WorkflowDefinition definition = WorkflowParser.parse(workflow("""
                [{"type": "webhook", "secretCredential": "hook-secret"},
                 {"type": "schedule", "cron": "0 0/15 * * * ?", "input": {"full": true}},
                 {"type": "schedule", "cron": "*/1 * * * * ?", "timezone": "Europe/Paris"},
                 {"type": "event", "topic": "orders"},
                 {"type": "event", "topic": "orders", "subscription": "orders-crawl", "filter": {"kind": "order"}}]"""));

        WebhookTrigger webhook = assertInstanceOf(WebhookTrigger.class, definition.triggers().get(0));
        assertEquals("X-Crawlify-Signature", webhook.signatureHeader());
        ScheduleTrigger schedule = assertInstanceOf(ScheduleTrigger.class, definition.triggers().get(1));
        assertEquals("UTC", schedule.timezone());
        assertTrue(schedule.input().get("full").asBoolean());
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertEquals("crawlify-trigger-" + id + "-3",
                assertInstanceOf(EventTrigger.class, definition.triggers().get(3)).subscriptionFor(id, 3));
        EventTrigger filtered = assertInstanceOf(EventTrigger.class, definition.triggers().get(4));
        assertEquals("orders-crawl", filtered.subscriptionFor(id, 4));
        assertTrue(filtered.accepts(java.util.Map.of("kind", "order", "other", "x")));
        assertFalse(filtered.accepts(java.util.Map.of("kind", "refund")));
        assertFalse(filtered.accepts(java.util.Map.of()));
        assertTrue(assertInstanceOf(EventTrigger.class, definition.triggers().get(3)).accepts(java.util.Map.of()));
    }

    @Test
    void aWorkflowWithoutTriggersHasAnEmptyList() throws Exception {
        WorkflowDefinition definition = WorkflowParser.parse(JSON.readTree("""
                {"name": "t", "steps": [{"id": "crawl", "type": "crawl", "config": {
                   "startUrls": ["https://example.com/"], "phases": [{"id": "p", "nodes": [{"type": "navigate"}]}]}}]}"""));
        assertEquals(List.of(), definition.triggers());
    }

    @Test
    void namesTheFieldOfABadCron() throws Exception {
        List<ValidationError> errors = errors("[{\"type\": \"schedule\", \"cron\": \"61 * * * * ?\"}]");
        assertEquals("triggers[0].cron", errors.get(0).path());
        assertEquals("triggers[0].cron", errors("[{\"type\": \"schedule\", \"cron\": \"every minute\"}]").get(0).path());
        assertEquals("triggers[1].cron", errors("[{\"type\": \"webhook\"}, {\"type\": \"schedule\"}]").get(0).path());
        // Unix five-field cron is not Quartz syntax.
        assertEquals("triggers[0].cron", errors("[{\"type\": \"schedule\", \"cron\": \"*/5 * * * *\"}]").get(0).path());
    }

    @Test
    void namesTheFieldsOfOtherMistakes() throws Exception {
        assertEquals("triggers[0].timezone",
                errors("[{\"type\": \"schedule\", \"cron\": \"0 * * * * ?\", \"timezone\": \"Mars/Base\"}]").get(0).path());
        assertEquals("triggers[0].input",
                errors("[{\"type\": \"schedule\", \"cron\": \"0 * * * * ?\", \"input\": [1]}]").get(0).path());
        assertEquals("triggers[0].topic", errors("[{\"type\": \"event\"}]").get(0).path());
        assertEquals("triggers[0].topic", errors("[{\"type\": \"event\", \"topic\": \"goog-x\"}]").get(0).path());
        assertEquals("triggers[1].subscription", errors("""
                [{"type": "event", "topic": "a1a", "subscription": "s1s"},
                 {"type": "event", "topic": "b1b", "subscription": "s1s"}]""").get(0).path());
        assertEquals("triggers[1].type", errors("[{\"type\": \"webhook\"}, {\"type\": \"webhook\"}]").get(0).path());
        assertEquals("triggers[0].signatureHeader",
                errors("[{\"type\": \"webhook\", \"signatureHeader\": \"bad header\"}]").get(0).path());
        assertEquals("triggers[0].secretCredential",
                errors("[{\"type\": \"webhook\", \"secretCredential\": \"no spaces\"}]").get(0).path());
        assertEquals("triggers[0]", errors("[null]").get(0).path());
        assertEquals("triggers[0].filter.kind",
                errors("[{\"type\": \"event\", \"topic\": \"abc\", \"filter\": {\"kind\": null}}]").get(0).path());
    }

    @Test
    void rejectsUnknownTypesAndPropertiesWithTheirPath() throws Exception {
        ValidationError unknownType = errors("[{\"type\": \"email\"}]").get(0);
        assertEquals("triggers[0].type", unknownType.path());
        assertTrue(unknownType.message().contains("unknown trigger type 'email'"), unknownType.message());
        assertEquals("triggers[0].cronn",
                errors("[{\"type\": \"schedule\", \"cronn\": \"0 * * * * ?\"}]").get(0).path());
    }
}
