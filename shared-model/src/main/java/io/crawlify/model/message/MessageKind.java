package io.crawlify.model.message;

import java.util.Optional;

/**
 * The four kinds of message and where each travels. A message's kind is carried in the {@link #ATTRIBUTE} attribute
 * ({@code page} or {@code step}); the topic tells a task from an event. A message without the attribute is a page
 * message (publishers before the attribute existed set it only on step messages).
 */
public enum MessageKind {

    PAGE_TASK(Channel.TASKS, "page", PageTask.class),
    STEP_TASK(Channel.TASKS, "step", StepTask.class),
    PAGE_EVENT(Channel.EVENTS, "page", PageEvent.class),
    STEP_EVENT(Channel.EVENTS, "step", StepEvent.class);

    /** The attribute that names a message's kind on its topic. */
    public static final String ATTRIBUTE = "kind";

    /** The topics: tasks go to workers (and, after too many failed deliveries, to the dead-letter topic). */
    public enum Channel { TASKS, EVENTS }

    private final Channel channel;
    private final String attribute;
    private final Class<? extends Message> type;

    MessageKind(Channel channel, String attribute, Class<? extends Message> type) {
        this.channel = channel;
        this.attribute = attribute;
        this.type = type;
    }

    public Channel channel() {
        return channel;
    }

    /** The value of the {@code kind} attribute. */
    public String attribute() {
        return attribute;
    }

    public Class<? extends Message> type() {
        return type;
    }

    /** The kind of a message read from a channel, by its attribute (absent: a page message); empty if unknown. */
    public static Optional<MessageKind> of(Channel channel, String attribute) {
        String value = attribute == null || attribute.isEmpty() ? "page" : attribute;
        for (MessageKind kind : values()) {
            if (kind.channel == channel && kind.attribute.equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind of a message object. */
    public static MessageKind of(Message message) {
        for (MessageKind kind : values()) {
            if (kind.type.isInstance(message)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a wire message: " + message.getClass().getName());
    }
}
