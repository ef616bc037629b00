package io.crawlify.worker.breaker;

import java.time.Duration;

import io.crawlify.model.breaker.BreakerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Defaults of every circuit breaker (CRAWLIFY_BREAKERS_*); a breaker's own config, set through the orchestrator's
 * API, overrides them field by field. Keep them equal to the orchestrator's, which shows them.
 */
@ConfigMapping(prefix = "crawlify.breakers")
public interface BreakerSettings {

    @WithDefault(BreakerConfig.DEFAULT_FAILURE_RATIO)
    double failureRatio();

    @WithDefault(BreakerConfig.DEFAULT_MINIMUM_CALLS)
    int minimumCalls();

    @WithDefault(BreakerConfig.DEFAULT_WINDOW_SIZE)
    int windowSize();

    @WithDefault(BreakerConfig.DEFAULT_OPEN_DELAY)
    Duration openDelay();

    @WithDefault(BreakerConfig.DEFAULT_HALF_OPEN_PROBES)
    int halfOpenProbes();

    /** A half-open round whose probes have not all reported after this long starts over. */
    @WithDefault(BreakerConfig.DEFAULT_PROBE_TIMEOUT)
    Duration probeTimeout();

    /** A breaker without calls for this long is forgotten (its state, window and history). */
    @WithDefault(BreakerConfig.DEFAULT_IDLE_RETENTION)
    Duration idleRetention();

    default BreakerConfig defaults() {
        return new BreakerConfig(failureRatio(), minimumCalls(), windowSize(), openDelay().toMillis(),
                halfOpenProbes());
    }
}
