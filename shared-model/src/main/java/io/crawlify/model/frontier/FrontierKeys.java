package io.crawlify.model.frontier;

import java.util.UUID;

/**
 * Redis keys of one crawl step's frontier: each crawl step of an execution owns its own, so a workflow may run
 * several crawls (one after the other, or side by side).
 */
public record FrontierKeys(ExecutionKeys execution, String stepId) {

    public static FrontierKeys of(UUID executionId, String stepId) {
        return new ExecutionKeys(executionId).frontier(stepId);
    }

    private String prefix() {
        return execution.prefix() + "step:" + stepId + ":";
    }

    /** Hash: normalised URL → id of the task that admitted it ("" for seeds). */
    public String seen() {
        return prefix() + "seen";
    }

    /** Set of task ids recorded as finished (succeeded or failed for good). */
    public String done() {
        return prefix() + "done";
    }

    /** Hash of this step's counters (the same fields as {@link ExecutionKeys#stats()}): it drains on its own. */
    public String stats() {
        return prefix() + "stats";
    }

    /** The browser session (Playwright storage state) shared by the step's pages when the crawl asks for it. */
    public String browserSession() {
        return prefix() + "browser-session";
    }
}
