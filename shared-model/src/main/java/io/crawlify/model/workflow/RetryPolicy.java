package io.crawlify.model.workflow;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How often and how far apart a failed unit of work (a page, a step attempt) is tried again.
 * Only transient errors are retried: network errors, timeouts, 408, 429 and 5xx.
 */
public record RetryPolicy(Strategy strategy, Integer maxAttempts, Long initialDelayMs, Long maxDelayMs, Boolean jitter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Strategy.EXPONENTIAL, 3, 500L, 10_000L, true);

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
}
