package io.crawlify.orchestrator.support;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each test run its own Pub/Sub project on the emulator (no messages left over from earlier runs) and
 * starts the packaged worker against it. The worker retries until the orchestrator has created its subscription.
 */
public class CrawlifyTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String PROJECT = "crawlify-test-" + UUID.randomUUID().toString().substring(0, 8);
    public static final String EMULATOR = System.getenv().getOrDefault("PUBSUB_EMULATOR_HOST", "127.0.0.1:8085");
    public static final String DB_NAME = System.getenv().getOrDefault("TEST_DB_NAME", "crawlify_test");
    /** The test profile's credential key (application.properties); processes started by tests get it too. */
    public static final String CREDENTIALS_KEY = "Y3Jhd2xpZnktZGV2LWFuZC10ZXN0LW9ubHkta2V5ISE=";
    /** Concurrent browser pages of the worker under test. */
    public static final int BROWSER_CONTEXTS = 2;

    private WorkerProcess worker;

    @Override
    public Map<String, String> start() {
        worker = WorkerProcess.start(Map.ofEntries(
                Map.entry("GOOGLE_CLOUD_PROJECT", PROJECT),
                Map.entry("PUBSUB_EMULATOR_HOST", EMULATOR),
                Map.entry("DB_NAME", DB_NAME),
                Map.entry("PORT", "0"),
                Map.entry("LOG_JSON", "false"),
                Map.entry("CRAWLIFY_CREDENTIALS_KEY", CREDENTIALS_KEY),
                // The worker runs its prod profile: loopback is refused unless allow-listed, as in production.
                Map.entry("CRAWLIFY_WORKER_ALLOWED_PRIVATE_TARGETS", "127.0.0.0/8"),
                Map.entry("CRAWLIFY_WORKER_DRAIN_PERIOD", "5s"),
                // The step type tests run shell commands.
                Map.entry("CRAWLIFY_STEPS_COMMAND_ENABLED", "true"),
                Map.entry("CRAWLIFY_WORKER_BROWSER_CONTEXTS", String.valueOf(BROWSER_CONTEXTS)),
                // A small renderer heap, so that a page hoarding memory crashes its renderer within seconds.
                Map.entry("CRAWLIFY_WORKER_BROWSER_ARGS", "--js-flags=--max-old-space-size=64"),
                Map.entry("CRAWLIFY_WORKER_BROWSER_TASK_TIMEOUT", "20s")));
        return Map.of("quarkus.google.cloud.project-id", PROJECT);
    }

    @Override
    public void stop() {
        if (worker != null) {
            worker.stop();
        }
    }
}
