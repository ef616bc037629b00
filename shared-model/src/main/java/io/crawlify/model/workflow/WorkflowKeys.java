package io.crawlify.model.workflow;

import java.util.UUID;

/** Redis key of a stored workflow version's definition; versions are immutable, so the cache never goes stale. */
public final class WorkflowKeys {

    private WorkflowKeys() {
    }

    public static String definition(UUID workflowId, int version) {
        return "crawlify:wf:" + workflowId + ":v" + version;
    }
}
