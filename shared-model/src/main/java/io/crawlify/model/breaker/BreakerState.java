package io.crawlify.model.breaker;

/** Where a circuit breaker stands; the names are the values stored in Redis. */
public enum BreakerState {
    /** Calls pass; their outcomes fill the sliding window. */
    CLOSED,
    /** Calls are rejected until the open delay has passed. */
    OPEN,
    /** A few probe calls pass; all succeeding closes the breaker, any failing re-opens it. */
    HALF_OPEN
}
