package io.crawlify.worker.breaker;

/** A call refused by an open circuit breaker; retryable after {@link #retryAfterMs()}. */
public class CircuitOpenException extends RuntimeException {

    /** The error kind of an attempt an open breaker refused. */
    public static final String ERROR_KIND = "circuit_open";

    private final String breaker;
    private final long retryAfterMs;

    public CircuitOpenException(String breaker, long retryAfterMs) {
        super("circuit breaker '" + breaker + "' is open; retry after " + retryAfterMs + " ms");
        this.breaker = breaker;
        this.retryAfterMs = retryAfterMs;
    }

    public String breaker() {
        return breaker;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }

    public String errorKind() {
        return ERROR_KIND;
    }
}
