package io.crawlify.orchestrator.engine;

import java.util.Map;

/**
 * Counters of page tasks, of an execution or of one of its fan-out steps. {@code remaining()} is zero once every
 * enqueued task finished. {@code pagesByRenderer} splits the crawled pages by the renderer that served them.
 */
public record ExecutionStats(long tasksEnqueued, long tasksCompleted, long tasksFailed, long pagesCrawled,
        long itemsExtracted, long bytesDownloaded, PagesByRenderer pagesByRenderer) {

    public record PagesByRenderer(long http, long browser) {
    }

    public static ExecutionStats fromRedis(Map<String, String> hash) {
        return new ExecutionStats(get(hash, "enqueued"), get(hash, "completed"), get(hash, "failed"),
                get(hash, "pages"), get(hash, "items"), get(hash, "bytes"),
                new PagesByRenderer(get(hash, "pages_http"), get(hash, "pages_browser")));
    }

    public long remaining() {
        return tasksEnqueued - tasksCompleted - tasksFailed;
    }

    public boolean drained() {
        return tasksEnqueued > 0 && remaining() == 0;
    }

    private static long get(Map<String, String> hash, String key) {
        String value = hash.get(key);
        return value == null ? 0 : Long.parseLong(value);
    }
}
