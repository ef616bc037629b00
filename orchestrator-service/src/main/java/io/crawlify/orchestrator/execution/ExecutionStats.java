package io.crawlify.orchestrator.execution;

import java.util.Map;

/** An execution's counters. {@code remaining()} is zero once every enqueued task finished. */
public record ExecutionStats(long tasksEnqueued, long tasksCompleted, long tasksFailed, long pagesCrawled,
        long itemsExtracted, long bytesDownloaded) {

    static ExecutionStats fromRedis(Map<String, String> hash) {
        return new ExecutionStats(get(hash, "enqueued"), get(hash, "completed"), get(hash, "failed"),
                get(hash, "pages"), get(hash, "items"), get(hash, "bytes"));
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
