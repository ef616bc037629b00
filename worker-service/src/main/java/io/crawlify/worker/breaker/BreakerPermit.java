package io.crawlify.worker.breaker;

/**
 * The answer of {@link CircuitBreakers#acquire}: whether the call may go ahead, and the breaker epoch its outcome
 * belongs to (hand the permit back to {@link CircuitBreakers#record}).
 *
 * @param retryAfterMs for a rejection, how long until the breaker may admit calls again; else 0
 */
public record BreakerPermit(Decision decision, long epoch, long retryAfterMs) {

    public enum Decision {
        /** The breaker is closed. */
        PERMITTED,
        /** The breaker is half-open and this call is one of its probes. */
        PROBE,
        /** The breaker is open (or half-open with every probe in flight): do not call. */
        REJECTED
    }

    public boolean permitted() {
        return decision != Decision.REJECTED;
    }
}
