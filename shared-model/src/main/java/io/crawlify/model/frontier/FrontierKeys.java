package io.crawlify.model.frontier;

import java.util.UUID;

/**
 * Redis keys of one execution's frontier. The hash tag keeps them in one slot so the scripts stay atomic on
 * a Redis Cluster / Memorystore cluster.
 */
public record FrontierKeys(UUID executionId) {

    private String prefix() {
        return "crawlify:{exec:" + executionId + "}:";
    }

    /** Hash: normalised URL → id of the task that admitted it ("" for seeds). */
    public String seen() {
        return prefix() + "seen";
    }

    /** Set of task ids recorded as finished (succeeded or failed for good). */
    public String done() {
        return prefix() + "done";
    }

    /** Hash of counters: enqueued, completed, failed, pages, items, bytes, pages_http, pages_browser. */
    public String stats() {
        return prefix() + "stats";
    }

    /** The browser session (Playwright storage state) shared by the execution's tasks when a crawl asks for it. */
    public String browserSession() {
        return prefix() + "browser-session";
    }

    /** Present once the execution is cancelled; workers drop its remaining tasks. */
    public String cancelled() {
        return prefix() + "cancelled";
    }
}
