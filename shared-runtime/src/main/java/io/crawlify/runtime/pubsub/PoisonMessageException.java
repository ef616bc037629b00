package io.crawlify.runtime.pubsub;

/** A message that can never be handled (unknown kind, unreadable body): recorded and acked, never retried. */
public final class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason, null, false, false);
    }
}
