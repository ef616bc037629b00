package io.crawlify.model.frontier;

import java.util.UUID;

/**
 * Redis keys of one execution: its counters summed over its crawl steps, its cancellation flag, and the frontier of
 * each of its crawl steps. The hash tag keeps every key of an execution in one slot, so the frontier scripts stay
 * atomic on a Redis Cluster / Memorystore cluster.
 */
public record ExecutionKeys(UUID executionId) {

    String prefix() {
        return "crawlify:{exec:" + executionId + "}:";
    }

    /** Hash of counters over every crawl step: enqueued, completed, failed, pages, items, bytes, pages_&lt;renderer&gt;. */
    public String stats() {
        return prefix() + "stats";
    }

    /** Present once the execution is cancelled; workers drop its remaining tasks. */
    public String cancelled() {
        return prefix() + "cancelled";
    }

    /** The frontier of one of the execution's crawl steps. */
    public FrontierKeys frontier(String stepId) {
        return new FrontierKeys(this, stepId);
    }
}
