package io.crawlify.worker.results;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.message.CrawlTask;

/** What a task left behind: its run record and the items it extracted. */
public record PageRecord(CrawlTask task, String status, int httpStatus, long bytes, int links, int attempt,
        long durationMs, String errorKind, String error, String renderer, List<ObjectNode> items) {
}
