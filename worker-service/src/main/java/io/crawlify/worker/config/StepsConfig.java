package io.crawlify.worker.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Settings of the API step executors (http_request, command, ...); env vars like CRAWLIFY_STEPS_COMMAND_ENABLED.
 * The prefix is {@code crawlify.steps}, as the product documents it, not {@code crawlify.worker}.
 */
@ConfigMapping(prefix = "crawlify.steps")
public interface StepsConfig {

    /** Bound on one attempt of a step that sets no {@code timeoutMs}; the orchestrator reads the same setting. */
    @WithDefault("5m")
    Duration defaultTimeout();

    /**
     * How long an attempt's outcome is kept in Redis, so a redelivered step message republishes it instead of
     * running the step again.
     */
    @WithDefault("6h")
    Duration outcomeRetention();

    Command command();

    Http http();

    @WithName("wait")
    Waits waits();

    ForEach forEach();

    interface Command {
        /** {@code command} steps run arbitrary programs on the worker: off unless an operator turns them on. */
        @WithDefault("false")
        boolean enabled();

        /** Bytes of stdout (and, separately, stderr) kept per run; the rest is read and dropped. */
        @WithDefault("1048576")
        int maxOutputBytes();
    }

    interface Http {
        /** A response body larger than this fails the step ({@code validation}) instead of filling memory. */
        @WithDefault("10485760")
        int maxResponseBytes();

        /** Redirects followed per request (each target is checked against the private-address guard). */
        @WithDefault("5")
        int maxRedirects();
    }

    interface Waits {
        /**
         * Longest wait a worker holds (its Pub/Sub lease is extended meanwhile); a longer wait fails as
         * {@code config} rather than pinning a task for hours.
         */
        @WithDefault("10m")
        Duration maxInline();
    }

    interface ForEach {
        /** Most elements one for_each runs. */
        @WithDefault("10000")
        int maxItems();
    }
}
