package io.crawlify.model.trigger;

import java.util.Map;
import java.util.UUID;

/**
 * Starts the workflow once per message published to the Pub/Sub {@code topic}; the message's JSON data becomes the
 * execution's input. The orchestrators share one subscription, {@code subscription} or
 * {@code crawlify-trigger-<workflowId>-<index>}. {@code filter} names attributes a message must carry with these
 * exact values; other messages are acked and start nothing. (The check runs in the orchestrator rather than as a
 * Pub/Sub subscription filter: those cannot change after creation, and the emulator ignores them.)
 */
public record EventTrigger(String topic, String subscription, Map<String, String> filter) implements TriggerSpec {

    public static final String TYPE = "event";

    public EventTrigger {
        filter = filter == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filter));
    }

    /** The subscription the orchestrators pull this trigger's messages from. */
    public String subscriptionFor(UUID workflowId, int index) {
        return subscription != null ? subscription : "crawlify-trigger-" + workflowId + "-" + index;
    }

    /** Whether a message with these attributes passes the filter. */
    public boolean accepts(Map<String, String> attributes) {
        return filter.entrySet().stream().allMatch(e -> e.getValue() != null
                && e.getValue().equals(attributes.get(e.getKey())));
    }
}
