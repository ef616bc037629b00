package io.crawlify.worker.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.message.StepEvent;
import io.crawlify.model.message.StepTask;

class StepTaskRunnerTest {

    private static final StepTask TASK = StepTask.of(UUID.randomUUID(), UUID.randomUUID(), 1, "big", 2, null);

    @Test
    void anOutputWithinTheMessageLimitIsKeptAsItIs() {
        StepEvent event = StepEvent.succeeded(TASK, JsonNodeFactory.instance.objectNode().put("ok", true), "log", 1, 2);
        assertSame(event, StepTaskRunner.withinMessageLimit(event));
    }

    @Test
    void anOutputOverTheLimitIsReplacedByItsSizeKeepingStatusAndLogs() {
        ObjectNode output = JsonNodeFactory.instance.objectNode().put("blob", "x".repeat(StepTaskRunner.MAX_OUTPUT_BYTES));
        StepEvent event = StepEvent.failed(TASK, output, "the logs", "http_status", "boom", 503, null, 1, 2);

        StepEvent kept = StepTaskRunner.withinMessageLimit(event);

        assertTrue(kept.output().get("truncated").asBoolean());
        assertTrue(kept.output().get("bytes").asInt() > StepTaskRunner.MAX_OUTPUT_BYTES);
        assertEquals("the logs", kept.logs());
        assertEquals(StepEvent.Type.FAILED, kept.type());
        assertEquals("http_status", kept.errorKind());
        assertEquals(503, kept.httpStatus());
        assertEquals(2, kept.attempt());
    }
}
