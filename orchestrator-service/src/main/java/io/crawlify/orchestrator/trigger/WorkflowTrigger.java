package io.crawlify.orchestrator.trigger;

import java.util.UUID;

import io.crawlify.model.trigger.TriggerSpec;

/** One trigger of a live workflow's current version, identified by the workflow and its index. */
public record WorkflowTrigger(UUID workflowId, int index, TriggerSpec spec) {

    /** The trigger's path in the definition ({@code triggers[0]}), the key its firings are recorded under. */
    public String key() {
        return TriggerSpec.key(index);
    }
}
