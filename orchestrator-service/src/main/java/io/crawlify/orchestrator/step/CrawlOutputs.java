package io.crawlify.orchestrator.step;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.orchestrator.execution.ExecutionStats;

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

    static ObjectNode of(UUID executionId, ExecutionStats stats) {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("pages", stats.pagesCrawled())
                .put("failedPages", stats.tasksFailed())
                .put("itemCount", stats.itemsExtracted())
                .put("bytes", stats.bytesDownloaded())
                .put("itemsUrl", "/api/v1/executions/" + executionId + "/items");
        return output;
    }
}
