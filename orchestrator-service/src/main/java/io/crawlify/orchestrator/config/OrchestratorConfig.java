package io.crawlify.orchestrator.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.crawlify.model.breaker.BreakerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Orchestrator settings; every key can be set as an env var (e.g. CRAWLIFY_PUBSUB_ACK_DEADLINE). */
@ConfigMapping(prefix = "crawlify")
public interface OrchestratorConfig {

    PubSub pubsub();

    Executions executions();

    Api api();

    Breakers breakers();

    Steps steps();

    Credentials credentials();

    Triggers triggers();

    interface Steps {
        /** Bound on one attempt of a step that sets no {@code timeoutMs}. */
        @WithDefault("5m")
        Duration defaultTimeout();

        /**
         * Added to a step's timeout before the orchestrator gives up on hearing from its worker (the worker
         * enforces the timeout itself; this covers a worker that died mid-attempt).
         */
        @WithDefault("30s")
        Duration timeoutGrace();

        /** A crawl step's items are handed to later steps as an array when there are at most this many. */
        @WithDefault("100")
        int inlineItems();
    }

    interface Credentials {
        /**
         * The AES-256 key credentials are encrypted with: base64 of 32 random bytes (CRAWLIFY_CREDENTIALS_KEY,
         * e.g. {@code openssl rand -base64 32}). The dev and test profiles set a fixed key; unset in prod, the
         * service starts but every credential operation fails with a message naming this setting.
         */
        Optional<String> key();

        /** Keys that only decrypt values sealed before a rotation (CRAWLIFY_CREDENTIALS_PREVIOUS_KEYS). */
        Optional<List<String>> previousKeys();
    }

    interface Triggers {
        /**
         * How often schedules and event subscriptions are re-read from PostgreSQL, so changes made through
         * another instance take effect here. Changes made through this instance apply at once.
         */
        @WithDefault("30s")
        Duration syncInterval();

        /**
         * How long a claimed schedule tick or event-trigger message with no execution yet is left to the instance
         * that claimed it. Until then a redelivered message is nacked (it comes back later); after it, the claimer
         * is taken to have died between claim and start (or its start failed), and another delivery or the next
         * trigger sync of any instance claims it again and starts the execution.
         */
        @WithDefault("60s")
        Duration claimLease();

        /**
         * How far back a schedule tick left without an execution is still started late; older ones are given up
         * (and stay in {@code trigger_firings} without an execution).
         */
        @WithDefault("1h")
        Duration catchUpWindow();
    }

    interface Api {
        /** Keys accepted on /api (CRAWLIFY_API_KEYS, comma-separated); none: the API is open. */
        Optional<List<String>> keys();
    }

    interface PubSub {
        /** Create topics and subscriptions at startup when missing (the emulator, or GCP with admin rights). */
        @WithDefault("true")
        boolean provision();

        @WithDefault("crawlify-tasks")
        String tasksTopic();

        @WithDefault("crawlify-tasks-dlq")
        String deadLetterTopic();

        @WithDefault("crawlify-events")
        String eventsTopic();

        @WithDefault("crawlify-tasks-worker")
        String workerSubscription();

        @WithDefault("crawlify-events-orchestrator")
        String eventsSubscription();

        @WithDefault("crawlify-tasks-dlq-orchestrator")
        String deadLetterSubscription();

        /** Ack deadline of the worker subscription; the client extends leases of tasks still running. */
        @WithDefault("60s")
        Duration ackDeadline();

        @WithDefault("5")
        int maxDeliveryAttempts();

        @WithDefault("10s")
        Duration minRetryBackoff();

        @WithDefault("600s")
        Duration maxRetryBackoff();

        @WithDefault("168h")
        Duration messageRetention();

        @WithDefault("100")
        long batchMessages();

        @WithDefault("5ms")
        Duration batchDelay();
    }

    interface Executions {
        /** How often running executions are reconciled from the Redis counters. */
        @WithDefault("5s")
        Duration reconcileInterval();

        /** How long an execution's Redis frontier is kept after it ends. */
        @WithDefault("24h")
        Duration frontierRetention();

        /**
         * A running execution whose tasks stop finishing for this long is failed as stalled (its tasks were lost,
         * e.g. a local emulator restarted). Must exceed the longest wait a rate limit can impose.
         */
        @WithDefault("30m")
        Duration stallTimeout();
    }

    /**
     * Defaults of every circuit breaker (CRAWLIFY_BREAKERS_*), overridable per name through the API. The workers
     * apply their own copy of these settings: keep both services' equal.
     */
    interface Breakers {
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

        @WithDefault(BreakerConfig.DEFAULT_PROBE_TIMEOUT)
        Duration probeTimeout();

        @WithDefault(BreakerConfig.DEFAULT_IDLE_RETENTION)
        Duration idleRetention();

        default BreakerConfig defaults() {
            return new BreakerConfig(failureRatio(), minimumCalls(), windowSize(), openDelay().toMillis(),
                    halfOpenProbes());
        }
    }
}
