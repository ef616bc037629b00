package io.crawlify.runtime.pubsub;

import java.io.IOException;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;

import io.crawlify.model.message.Message;
import io.crawlify.model.message.MessageKind;
import io.crawlify.model.message.Messages;
import io.crawlify.model.message.PageEvent;
import io.crawlify.model.message.StepEvent;

/**
 * The attribute contract of every Crawlify message on Pub/Sub, written and read in one place: the JSON body, its
 * {@link MessageKind} in {@code kind}, the ids ({@code executionId}, {@code taskId}, {@code stepId}) for filtering
 * and tracing, and an event's {@code type}.
 */
public final class Envelope {

    public static final String EXECUTION_ID = "executionId";
    public static final String TASK_ID = "taskId";
    public static final String STEP_ID = "stepId";
    public static final String TYPE = "type";
    /** Set by Pub/Sub on a dead-lettered message: how many deliveries it had. */
    public static final String DEAD_LETTER_DELIVERIES = "CloudPubSubDeadLetterSourceDeliveryCount";

    /** A message read off a subscription, with the kind that tells which handler takes it. */
    public record Received<M extends Message>(MessageKind kind, M message) {
    }

    private Envelope() {
    }

    public static PubsubMessage wrap(Message message) {
        MessageKind kind = MessageKind.of(message);
        PubsubMessage.Builder builder = PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(Messages.encode(message)))
                .putAttributes(MessageKind.ATTRIBUTE, kind.attribute());
        if (message.executionId() != null) {
            builder.putAttributes(EXECUTION_ID, message.executionId().toString());
        }
        if (message.taskId() != null) {
            builder.putAttributes(TASK_ID, message.taskId());
        }
        if (message.stepId() != null) {
            builder.putAttributes(STEP_ID, message.stepId());
        }
        String type = type(message);
        if (type != null) {
            builder.putAttributes(TYPE, type);
        }
        return builder.build();
    }

    /**
     * Reads a message of the given channel: its kind from the attribute, its body as that kind's type, checked for
     * the ids every handler needs.
     *
     * @throws PoisonMessageException when the kind is unknown or the body is not a message of that kind
     */
    public static Received<?> unwrap(PubsubMessage pubsub, MessageKind.Channel channel) {
        String attribute = pubsub.getAttributesOrDefault(MessageKind.ATTRIBUTE, "");
        MessageKind kind = MessageKind.of(channel, attribute)
                .orElseThrow(() -> new PoisonMessageException("unknown message kind '" + attribute + "'"));
        Message message;
        try {
            message = Messages.decode(pubsub.getData().toByteArray(), kind.type());
        } catch (IOException | RuntimeException e) {
            throw new PoisonMessageException("not a " + kind + " message: " + e.getMessage());
        }
        if (message.executionId() == null || message.taskId() == null || message.stepId() == null) {
            throw new PoisonMessageException(kind + " without executionId, taskId or stepId");
        }
        return new Received<>(kind, message);
    }

    /** How many deliveries a dead-lettered message had, 0 when Pub/Sub did not say. */
    public static int deadLetterDeliveries(PubsubMessage pubsub) {
        try {
            return Integer.parseInt(pubsub.getAttributesOrDefault(DEAD_LETTER_DELIVERIES, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String type(Message message) {
        if (message instanceof PageEvent event) {
            return event.type() == PageEvent.Type.SUCCEEDED ? "task.succeeded" : "task.failed";
        }
        if (message instanceof StepEvent event) {
            return event.type() == StepEvent.Type.SUCCEEDED ? "step.succeeded" : "step.failed";
        }
        return null;
    }
}
