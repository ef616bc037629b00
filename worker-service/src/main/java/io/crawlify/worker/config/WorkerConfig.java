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

    Browser browser();

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

    /**
     * The orchestrator's API base path. Artifact links written into items point under it
     * ({@code <base>/executions/<id>/artifacts/<artifactId>}), where the orchestrator serves them.
     */
    @WithDefault("/api/v1")
    String apiBasePath();

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

    /** The Playwright/Chromium renderer. */
    interface Browser {
        /** Chromium's executable; browsers are never downloaded. */
        @WithDefault("/usr/bin/chromium")
        String executablePath();

        /**
         * The Node.js that runs Playwright's driver (version 20 or later); empty to find {@code node} on the PATH.
         * The driver's scripts come from the Playwright jar; no Node.js binary is bundled in the application.
         */
        Optional<String> nodePath();

        /**
         * A preinstalled Playwright driver directory (holding {@code package/cli.js}: the {@code playwright-core}
         * package of Playwright's driver jar, which the build unpacks to {@code target/playwright-driver/driver});
         * when set it replaces the driver in the jar. Native executables need it: they carry no driver, the container
         * image or the machine provides it. Node.js still comes from {@code node-path} or the PATH.
         */
        Optional<String> driverDir();

        /**
         * Pages rendered at once on this worker: one thread and Playwright driver each, all in the worker's one
         * Chromium (a context per page).
         */
        @WithDefault("2")
        int contexts();

        /**
         * Chromium is replaced after rendering this many pages (bounds memory growth and leaks); pages in flight
         * finish on the old one.
         */
        @WithDefault("500")
        int pagesPerBrowser();

        /** A page still rendering after this long has Chromium killed: its task fails and is retried. */
        @WithDefault("60s")
        Duration taskTimeout();

        @WithDefault("true")
        boolean headless();

        /** Extra Chromium switches, e.g. {@code --js-flags=--max-old-space-size=256}. */
        Optional<List<String>> args();

        /** How long a browser launch may take. */
        @WithDefault("30s")
        Duration launchTimeout();

        /** How long an execution's shared browser session (cookies, storage) is kept. */
        @WithDefault("24h")
        Duration sessionRetention();
    }
}
