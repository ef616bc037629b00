package io.crawlify.systemtest.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Both services as they ship, run as processes once per test run against the real PostgreSQL (the
 * {@code TEST_DB_NAME} database), Redis and Pub/Sub emulator, in a Pub/Sub project of their own (no messages left
 * over from earlier runs): the packaged jars, or with {@code -Dcrawlify.test.native=true} (the {@code native}
 * profile) the native executables. Logs go to {@code target/orchestrator-under-test.log} and
 * {@code target/worker-under-test.log}.
 */
public final class Deployment implements AutoCloseable {

    public static final String PROJECT = "crawlify-test-" + UUID.randomUUID().toString().substring(0, 8);
    public static final String EMULATOR = System.getenv().getOrDefault("PUBSUB_EMULATOR_HOST", "127.0.0.1:8085");
    public static final String DB_NAME = System.getenv().getOrDefault("TEST_DB_NAME", "crawlify_test");
    /** The fixed, public key of the services' dev and test profiles; every process of a run gets it. */
    public static final String CREDENTIALS_KEY = "Y3Jhd2xpZnktZGV2LWFuZC10ZXN0LW9ubHkta2V5ISE=";
    /** Concurrent browser pages of the worker under test. */
    public static final int BROWSER_CONTEXTS = 2;

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static volatile Deployment current;

    private final OrchestratorProcess orchestrator;
    private final WorkerProcess worker;

    private Deployment(OrchestratorProcess orchestrator, WorkerProcess worker) {
        this.orchestrator = orchestrator;
        this.worker = worker;
    }

    /** The running deployment (started by the first {@link SystemTest} class). */
    public static Deployment current() {
        Deployment deployment = current;
        if (deployment == null) {
            throw new IllegalStateException("the deployment has not been started: annotate the test with @SystemTest");
        }
        return deployment;
    }

    public OrchestratorProcess orchestrator() {
        return orchestrator;
    }

    public WorkerProcess worker() {
        return worker;
    }

    /** What every process of a run shares, whatever its role. */
    static Map<String, String> runEnvironment() {
        return Map.of(
                "GOOGLE_CLOUD_PROJECT", PROJECT,
                "PUBSUB_EMULATOR_HOST", EMULATOR,
                "DB_NAME", DB_NAME,
                "LOG_JSON", "false",
                "CRAWLIFY_CREDENTIALS_KEY", CREDENTIALS_KEY);
    }

    /**
     * What the orchestrator's %test profile (application.properties) gave the in-process orchestrator the suites
     * used to run against: the test database migrated after a clean, fast reconciliation, stall detection and trigger
     * sync, and Pub/Sub redelivery after 1 s, so that dead-lettering after 5 deliveries takes seconds, not minutes.
     * API keys stay off (the process never inherits CRAWLIFY_API_KEYS).
     */
    private static Map<String, String> orchestratorEnvironment() {
        Map<String, String> env = new HashMap<>(runEnvironment());
        env.putAll(Map.of(
                "DB_MIGRATE", "true",
                "QUARKUS_FLYWAY_CLEAN_DISABLED", "false",
                "QUARKUS_FLYWAY_CLEAN_AT_START", "true",
                "CRAWLIFY_EXECUTIONS_RECONCILE_INTERVAL", "1s",
                "CRAWLIFY_EXECUTIONS_STALL_TIMEOUT", "15s",
                "CRAWLIFY_TRIGGERS_SYNC_INTERVAL", "1s",
                "CRAWLIFY_PUBSUB_MIN_RETRY_BACKOFF", "1s",
                "CRAWLIFY_PUBSUB_MAX_RETRY_BACKOFF", "1s"));
        return env;
    }

    /** The worker in its prod profile, loosened only where the suites need it. */
    private static Map<String, String> workerEnvironment() {
        Map<String, String> env = new HashMap<>(runEnvironment());
        env.putAll(Map.of(
                // Loopback is refused unless allow-listed, as in production; the test sites listen on it.
                "CRAWLIFY_WORKER_ALLOWED_PRIVATE_TARGETS", "127.0.0.0/8",
                "CRAWLIFY_WORKER_DRAIN_PERIOD", "5s",
                // The step type tests run shell commands.
                "CRAWLIFY_STEPS_COMMAND_ENABLED", "true",
                "CRAWLIFY_WORKER_BROWSER_CONTEXTS", String.valueOf(BROWSER_CONTEXTS),
                // A small renderer heap, so that a page hoarding memory crashes its renderer within seconds.
                "CRAWLIFY_WORKER_BROWSER_ARGS", "--js-flags=--max-old-space-size=64",
                "CRAWLIFY_WORKER_BROWSER_TASK_TIMEOUT", "20s"));
        return env;
    }

    /**
     * Starts both and waits until both are ready. They start side by side: the worker keeps retrying its subscription
     * until the orchestrator has provisioned it, and is ready once it pulls.
     */
    static Deployment start() {
        OrchestratorProcess orchestrator = OrchestratorProcess.launch("orchestrator-under-test", orchestratorEnvironment());
        WorkerProcess worker;
        try {
            worker = WorkerProcess.launch("worker-under-test", workerEnvironment());
        } catch (RuntimeException e) {
            orchestrator.close();
            throw e;
        }
        Deployment deployment = new Deployment(orchestrator, worker);
        try {
            orchestrator.awaitReady(STARTUP);
            worker.awaitReady(STARTUP);
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
        // Should the test JVM die without JUnit closing the deployment, the services must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(deployment::kill, "deployment-kill"));
        current = deployment;
        return deployment;
    }

    /** Both stopped side by side: SIGTERM, each one's graceful shutdown, then SIGKILL. */
    @Override
    public void close() {
        Thread workerStop = Thread.ofVirtual().start(worker::close);
        orchestrator.close();
        try {
            workerStop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current = null;
    }

    private void kill() {
        worker.kill();
        orchestrator.kill();
    }
}
