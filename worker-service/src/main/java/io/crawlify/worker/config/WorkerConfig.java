package io.crawlify.worker.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Worker settings; every key can be set as an env var (e.g. CRAWLIFY_WORKER_PULL_STREAMS). */
@ConfigMapping(prefix = "crawlify.worker")
public interface WorkerConfig {

    Topics topics();

    Pull pull();

    Publish publish();

    Http http();

    /** Hosts or CIDR blocks that may be fetched although private, loopback or link-local. */
    Optional<List<String>> allowedPrivateTargets();

    /** Whether private, loopback and link-local targets are refused (true in prod). */
    @WithDefault("true")
    boolean blockPrivateTargets();

    /**
     * Publish a {@code task.succeeded} event for every page (true), or only for the page that drains the
     * frontier (false). Failures are always published. The orchestrator reads live counters from Redis either
     * way; per-page events double the Pub/Sub traffic of a crawl.
     */
    @WithDefault("false")
    boolean eventsPerTask();

    /** How long in-flight tasks get to finish on shutdown before they are nacked. */
    @WithDefault("25s")
    Duration drainPeriod();

    interface Topics {
        @WithDefault("crawlify-tasks")
        String tasks();

        @WithDefault("crawlify-events")
        String events();

        @WithDefault("crawlify-tasks-worker")
        String subscription();
    }

    interface Pull {
        /** Parallel streaming-pull streams; each carries about 2k msg/s on the emulator. */
        @WithDefault("2")
        int streams();

        /** Tasks in flight at once on this worker (flow control). */
        @WithDefault("256")
        long maxOutstandingMessages();

        @WithDefault("67108864")
        long maxOutstandingBytes();

        /** Upper bound of lease extension for a task still running. */
        @WithDefault("10m")
        Duration maxAckExtension();

        /** Executor threads of the subscriber callbacks. */
        @WithDefault("4")
        int executorThreads();
    }

    interface Publish {
        @WithDefault("100")
        long batchMessages();

        @WithDefault("5ms")
        Duration batchDelay();
    }

    interface Http {
        @WithDefault("Crawlify/0.1 (+https://github.com/crawlify)")
        String userAgent();

        /** Connections per host:port. */
        @WithDefault("64")
        int maxConnectionsPerHost();

        @WithDefault("10485760")
        int maxBodyBytes();

        @WithDefault("10s")
        Duration connectTimeout();
    }
}
