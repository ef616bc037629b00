package io.crawlify.model.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How often and how far apart a failed unit of work (a page, a step attempt) is tried again. Only transient errors
 * are retried: by default network errors, timeouts, an open circuit breaker, and HTTP 408, 429 and 5xx; a step may
 * name its own retryable error kinds ({@code retryOn}) and HTTP statuses ({@code retryOnStatus}).
 */
public record RetryPolicy(Strategy strategy, Integer maxAttempts, Long initialDelayMs, Long maxDelayMs, Boolean jitter,
        List<String> retryOn, List<Integer> retryOnStatus) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Strategy.EXPONENTIAL, 3, 500L, 10_000L, true);

    /** Error kinds retried when a policy names none. */
    public static final Set<String> TRANSIENT_KINDS = Set.of("network", "timeout", "circuit_open", "http_status");

    public enum Strategy {
        @JsonProperty("none") NONE,
        @JsonProperty("fixed") FIXED,
        @JsonProperty("linear") LINEAR,
        @JsonProperty("exponential") EXPONENTIAL
    }

    public RetryPolicy {
        strategy = strategy == null ? Strategy.EXPONENTIAL : strategy;
        maxAttempts = maxAttempts == null ? (strategy == Strategy.NONE ? 1 : 3) : maxAttempts;
        initialDelayMs = initialDelayMs == null ? 500L : initialDelayMs;
        maxDelayMs = maxDelayMs == null ? 10_000L : maxDelayMs;
        jitter = jitter == null || jitter;
        retryOn = retryOn == null ? null : List.copyOf(retryOn);
        retryOnStatus = retryOnStatus == null ? null : List.copyOf(retryOnStatus);
    }

    public RetryPolicy(Strategy strategy, Integer maxAttempts, Long initialDelayMs, Long maxDelayMs, Boolean jitter) {
        this(strategy, maxAttempts, initialDelayMs, maxDelayMs, jitter, null, null);
    }

    /**
     * Whether a failed attempt of this kind (and HTTP status, when the error came from one) may be tried again.
     * An {@code http_status} error is retried for 408, 429 and 5xx unless {@code retryOnStatus} lists the statuses.
     */
    public boolean retries(String errorKind, Integer httpStatus) {
        if (strategy == Strategy.NONE || errorKind == null) {
            return false;
        }
        boolean kindRetried = retryOn == null ? TRANSIENT_KINDS.contains(errorKind) : retryOn.contains(errorKind);
        if (!kindRetried) {
            return false;
        }
        if (!"http_status".equals(errorKind) || httpStatus == null) {
            return true;
        }
        return retryOnStatus == null ? httpStatus == 408 || httpStatus == 429 || httpStatus >= 500
                : retryOnStatus.contains(httpStatus);
    }

    public int attempts() {
        return strategy == Strategy.NONE ? 1 : Math.max(1, maxAttempts);
    }

    /** Delay before attempt {@code next} (2 = first retry), before jitter. */
    public Duration delayBefore(int next) {
        int retry = Math.max(1, next - 1);
        long ms = switch (strategy) {
            case NONE -> 0;
            case FIXED -> initialDelayMs;
            case LINEAR -> initialDelayMs * retry;
            case EXPONENTIAL -> initialDelayMs * (1L << Math.min(30, retry - 1));
        };
        return Duration.ofMillis(Math.min(ms, maxDelayMs));
    }

    /** Delay before attempt {@code next}, with "equal jitter" (half fixed, half random) when the policy asks for it. */
    public Duration jitteredDelayBefore(int next) {
        Duration base = delayBefore(next);
        if (base.isNegative() || base.isZero() || !jitter) {
            return base.isNegative() ? Duration.ZERO : base;
        }
        long ms = base.toMillis();
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }
}
