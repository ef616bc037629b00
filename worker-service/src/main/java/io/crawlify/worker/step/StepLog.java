package io.crawlify.worker.step;

/**
 * The log lines of one step run, kept in memory up to a size (then a single truncation note): executors of one
 * run may write from several threads (a for_each's elements).
 */
public final class StepLog {

    public static final int DEFAULT_MAX_CHARS = 256 * 1024;

    private final int maxChars;
    private final StringBuilder text = new StringBuilder();
    private boolean truncated;

    public StepLog() {
        this(DEFAULT_MAX_CHARS);
    }

    public StepLog(int maxChars) {
        this.maxChars = maxChars;
    }

    public synchronized void line(String line) {
        if (truncated) {
            return;
        }
        if (text.length() + line.length() + 1 > maxChars) {
            truncated = true;
            text.append("[log truncated at ").append(maxChars).append(" characters]\n");
            return;
        }
        text.append(line).append('\n');
    }

    /** Appends every line of a multi-line text, each with a prefix. */
    public void lines(String prefix, String block) {
        if (block == null || block.isEmpty()) {
            return;
        }
        for (String line : block.split("\\R", -1)) {
            if (!line.isEmpty()) {
                line(prefix + line);
            }
        }
    }

    public synchronized String text() {
        return text.toString();
    }

    public synchronized boolean truncated() {
        return truncated;
    }
}
