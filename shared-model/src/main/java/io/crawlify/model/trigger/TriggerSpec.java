package io.crawlify.model.trigger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What starts a workflow besides the execute endpoint. The {@code type} property picks the record. A trigger is
 * identified by its index in the workflow's {@code triggers} list ({@code triggers[0]}), the key under which its
 * firings are recorded.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WebhookTrigger.class, name = WebhookTrigger.TYPE),
        @JsonSubTypes.Type(value = ScheduleTrigger.class, name = ScheduleTrigger.TYPE),
        @JsonSubTypes.Type(value = EventTrigger.class, name = EventTrigger.TYPE)
})
public sealed interface TriggerSpec permits WebhookTrigger, ScheduleTrigger, EventTrigger {

    java.util.List<String> TYPES = java.util.List.of(WebhookTrigger.TYPE, ScheduleTrigger.TYPE, EventTrigger.TYPE);

    /** The name used in workflow JSON, and the {@code trigger_type} of the executions it starts. */
    default String typeName() {
        return switch (this) {
            case WebhookTrigger t -> WebhookTrigger.TYPE;
            case ScheduleTrigger t -> ScheduleTrigger.TYPE;
            case EventTrigger t -> EventTrigger.TYPE;
        };
    }

    /** The key of the trigger at {@code index}: its path in the definition. */
    static String key(int index) {
        return "triggers[" + index + "]";
    }
}
