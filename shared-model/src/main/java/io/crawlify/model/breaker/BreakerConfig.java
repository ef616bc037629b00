package io.crawlify.model.breaker;

import java.util.ArrayList;
import java.util.List;

import io.crawlify.model.error.ValidationError;

/**
 * How one circuit breaker decides: over a count-based window of the last {@code windowSize} calls, it opens once at
 * least {@code minimumCalls} were recorded and the share of failures reaches {@code failureRatio}; it stays open
 * {@code openDelayMs}, then admits {@code halfOpenProbes} trial calls, which must all succeed to close it.
 */
public record BreakerConfig(double failureRatio, int minimumCalls, int windowSize, long openDelayMs,
        int halfOpenProbes) {

    // Defaults of both services' typed config (@WithDefault needs constants).
    public static final String DEFAULT_FAILURE_RATIO = "0.5";
    public static final String DEFAULT_MINIMUM_CALLS = "5";
    public static final String DEFAULT_WINDOW_SIZE = "20";
    public static final String DEFAULT_OPEN_DELAY = "30s";
    public static final String DEFAULT_HALF_OPEN_PROBES = "2";
    /** A half-open round whose probes have not all reported after this long starts over (a worker died mid-probe). */
    public static final String DEFAULT_PROBE_TIMEOUT = "60s";
    /** A breaker's state is dropped after this long without calls (per-host breakers would otherwise pile up). */
    public static final String DEFAULT_IDLE_RETENTION = "7d";

    /** The problems of this config, each naming its field; empty when valid. */
    public List<ValidationError> problems() {
        List<ValidationError> errors = new ArrayList<>();
        if (!(failureRatio > 0 && failureRatio <= 1)) {
            errors.add(new ValidationError("failureRatio", "must be > 0 and <= 1"));
        }
        if (minimumCalls < 1) {
            errors.add(new ValidationError("minimumCalls", "must be >= 1"));
        }
        if (windowSize < minimumCalls) {
            errors.add(new ValidationError("windowSize", "must be >= minimumCalls (" + minimumCalls + ")"));
        }
        if (openDelayMs < 0) {
            errors.add(new ValidationError("openDelayMs", "must be >= 0"));
        }
        if (halfOpenProbes < 1) {
            errors.add(new ValidationError("halfOpenProbes", "must be >= 1"));
        }
        return errors;
    }

    /** The script arguments that stand for the defaults (the overrides in Redis win field by field). */
    public List<String> scriptArgs() {
        return List.of(Double.toString(failureRatio), Integer.toString(minimumCalls), Integer.toString(windowSize),
                Long.toString(openDelayMs), Integer.toString(halfOpenProbes));
    }
}
