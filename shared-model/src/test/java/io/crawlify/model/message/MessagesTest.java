package io.crawlify.model.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class MessagesTest {

    private static final UUID EXECUTION = UUID.fromString("6f1c1f52-3d8e-4b7a-9a51-0c1d2e3f4a5b");
    private static final UUID WORKFLOW = UUID.fromString("0b9e8d7c-6a5b-4c3d-8e2f-1a2b3c4d5e6f");

    private static final PageTask TASK = PageTask.of(EXECUTION, WORKFLOW, 3, "crawl", "detail",
            "http://shop.test/p/1.html", 2, "product", "parent-task");

    @Test
    void crawlTaskSurvivesTheWire() throws IOException {
        PageTask decoded = Messages.decode(Messages.encode(TASK), PageTask.class);

        assertEquals(TASK, decoded);
        assertEquals(PageTask.VERSION, decoded.v());
        assertEquals(TaskIds.forPage(EXECUTION, "crawl", "http://shop.test/p/1.html"), decoded.taskId());
    }

    @Test
    void decodingIgnoresFieldsANewerVersionAdded() throws IOException {
        String json = new String(Messages.encode(TASK), StandardCharsets.UTF_8)
                .replaceFirst("^\\{", "{\"priority\": 7, \"headers\": {\"x\": \"y\"}, ");

        assertEquals(TASK, Messages.decode(json.getBytes(StandardCharsets.UTF_8), PageTask.class));
    }

    @Test
    void garbageIsAnIOException() {
        assertThrows(IOException.class,
                () -> Messages.decode("not json".getBytes(StandardCharsets.UTF_8), PageTask.class));
        assertThrows(IOException.class, () -> Messages.decode(new byte[] {(byte) 0xff, 0x00, 0x13}, PageTask.class));
        assertThrows(IOException.class,
                () -> Messages.decode("{\"depth\": \"deep\"}".getBytes(StandardCharsets.UTF_8), PageTask.class));
    }

    @Test
    void taskIdsAreDeterministicPerExecutionStepAndUrl() {
        String id = TaskIds.forPage(EXECUTION, "crawl", "http://shop.test/p/1.html");

        assertEquals(id, TaskIds.forPage(EXECUTION, "crawl", "http://shop.test/p/1.html"));
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertNotEquals(id, TaskIds.forPage(EXECUTION, "crawl", "http://shop.test/p/2.html"));
        assertNotEquals(id, TaskIds.forPage(EXECUTION, "other", "http://shop.test/p/1.html"));
        assertNotEquals(id, TaskIds.forPage(UUID.randomUUID(), "crawl", "http://shop.test/p/1.html"));
    }

    @Test
    void taskEventTypesUseDottedNames() throws IOException {
        PageEvent succeeded = new PageEvent(PageEvent.VERSION, PageEvent.Type.SUCCEEDED, TASK.taskId(), EXECUTION,
                "crawl", TASK.url(), 1, 3, 2048, 5, null, null, 120, 7);
        PageEvent failed = new PageEvent(PageEvent.VERSION, PageEvent.Type.FAILED, TASK.taskId(), EXECUTION,
                "crawl", TASK.url(), 0, 0, 0, 0, "http_404", "not found", 30, 0);

        JsonNode succeededJson = new ObjectMapper().readTree(Messages.encode(succeeded));
        JsonNode failedJson = new ObjectMapper().readTree(Messages.encode(failed));

        assertEquals("task.succeeded", succeededJson.get("type").asText());
        assertEquals("task.failed", failedJson.get("type").asText());
        assertEquals(succeeded, Messages.decode(Messages.encode(succeeded), PageEvent.class));
        assertEquals(failed, Messages.decode(Messages.encode(failed), PageEvent.class));
    }
}
