package io.crawlify.orchestrator.engine;

/** Execution statuses as stored and shown. */
public final class ExecutionStatus {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    private ExecutionStatus() {
    }

    public static boolean isActive(String status) {
        return PENDING.equals(status) || RUNNING.equals(status);
    }
}
