package io.crawlify.orchestrator.engine.crawl;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.orchestrator.engine.ExecutionStats;

/**
 * The output a crawl step hands to later steps: its counts, where to read the items, and the items themselves when
 * there are few enough to carry in the context.
 */
final class CrawlOutputs {

    private CrawlOutputs() {
    }

    static JsonNode empty() {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("pages", 0).put("failedPages", 0).put("itemCount", 0).put("bytes", 0);
        output.putArray("items");
        return output;
    }

    /** {@code itemsUrl} lists the execution's items; {@code stepItemsUrl} only this step's. */
    static ObjectNode of(UUID executionId, String stepId, ExecutionStats stats) {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        String items = "/api/v1/executions/" + executionId + "/items";
        output.put("pages", stats.pagesCrawled())
                .put("failedPages", stats.tasksFailed())
                .put("itemCount", stats.itemsExtracted())
                .put("bytes", stats.bytesDownloaded())
                .put("itemsUrl", items)
                .put("stepItemsUrl", items + "?step=" + java.net.URLEncoder.encode(stepId,
                        java.nio.charset.StandardCharsets.UTF_8));
        return output;
    }
}
