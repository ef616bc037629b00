package io.crawlify.orchestrator.engine;

/** Step run statuses as stored and shown. */
public final class StepStatus {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String CANCELLED = "cancelled";

    private StepStatus() {
    }

    public static boolean isTerminal(String status) {
        return !PENDING.equals(status) && !RUNNING.equals(status);
    }
}
