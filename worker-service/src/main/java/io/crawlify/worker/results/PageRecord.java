package io.crawlify.worker.results;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.message.PageTask;
import io.crawlify.worker.phase.NodeContext;

/** What a task left behind: its run record, the items it extracted and the files (screenshots) it produced. */
public record PageRecord(PageTask task, String status, int httpStatus, long bytes, int links, int attempt,
        long durationMs, String errorKind, String error, String renderer, List<ObjectNode> items,
        List<NodeContext.Artifact> artifacts) {
}
