package io.crawlify.orchestrator.messaging;

import io.crawlify.model.message.Message;
import io.crawlify.model.message.MessageKind;
import io.smallrye.mutiny.Uni;

/**
 * Handles one kind of message read off a subscription. Handlers are found through CDI: a new kind of message adds a
 * class, not a branch. Completing acks the message; failing nacks it for redelivery.
 *
 * @param <M> the message type of the kind handled
 */
public interface MessageHandler<M extends Message> {

    /** The kind handled on the events subscription; dead letters go to {@link DeadLetterHandler}. */
    MessageKind kind();

    Uni<Void> handle(M message);
}
