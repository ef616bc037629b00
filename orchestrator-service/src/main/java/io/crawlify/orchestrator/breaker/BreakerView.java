package io.crawlify.orchestrator.breaker;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.crawlify.model.breaker.BreakerConfig;
import io.crawlify.model.breaker.BreakerOverride;
import io.crawlify.model.breaker.BreakerState;

/**
 * A circuit breaker as the API shows it.
 *
 * @param config      the settings in force (the override over the defaults)
 * @param override    the breaker's own settings, when it has any
 * @param calls       outcomes recorded since the breaker was created (lifetime; so are failures and rejections)
 * @param window      the sliding window of the closed state
 * @param openedUntil while open, when it will admit probes
 * @param transitions the last 20 state changes, newest first (single breaker only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BreakerView(String name, BreakerState state, BreakerConfig config, BreakerOverride override,
        long calls, long failures, long rejections, Window window, Integer probesInFlight, Instant openedUntil,
        Long retryAfterMs, Instant lastTransitionAt, List<Transition> transitions) {

    /** The recent outcomes that decide whether a closed breaker opens. */
    public record Window(long calls, long failures, double failureRatio) {
    }

    public record Transition(BreakerState from, BreakerState to, Instant at, String reason) {
    }

    BreakerView withoutTransitions() {
        return new BreakerView(name, state, config, override, calls, failures, rejections, window, probesInFlight,
                openedUntil, retryAfterMs, lastTransitionAt, null);
    }
}
