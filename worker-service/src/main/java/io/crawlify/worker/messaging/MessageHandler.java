package io.crawlify.worker.messaging;

import io.crawlify.model.message.Message;
import io.crawlify.model.message.MessageKind;
import io.smallrye.mutiny.Uni;

/**
 * Handles one kind of message from the tasks subscription. Implementations are CDI beans found by
 * {@link TaskSubscriber}; a new kind adds a handler, not a case.
 */
public interface MessageHandler<M extends Message> {

    MessageKind kind();

    /** Completes when the message may be acked; fails when it should be redelivered. */
    Uni<?> handle(M message);
}
