package io.crawlify.model.trigger;

import java.util.UUID;

/**
 * Starts the workflow once per message published to the Pub/Sub {@code topic}; the message's JSON data becomes the
 * execution's input. The orchestrators share one subscription, {@code subscription} or
 * {@code crawlify-trigger-<workflowId>-<index>}; {@code filter} is a Pub/Sub filter expression over attributes
 * (e.g. {@code attributes.kind = "order"}), applied when the subscription is created.
 */
public record EventTrigger(String topic, String subscription, String filter) implements TriggerSpec {

    public static final String TYPE = "event";

    /** The subscription the orchestrators pull this trigger's messages from. */
    public String subscriptionFor(UUID workflowId, int index) {
        return subscription != null ? subscription : "crawlify-trigger-" + workflowId + "-" + index;
    }
}
