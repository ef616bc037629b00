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
    private static final String EMULATOR = System.getenv().getOrDefault("PUBSUB_EMULATOR_HOST", "127.0.0.1:8085");
    private static final String DB_NAME = System.getenv().getOrDefault("TEST_DB_NAME", "crawlify_test");

    private WorkerProcess worker;

    @Override
    public Map<String, String> start() {
        worker = WorkerProcess.start(Map.of(
                "GOOGLE_CLOUD_PROJECT", PROJECT,
                "PUBSUB_EMULATOR_HOST", EMULATOR,
                "DB_NAME", DB_NAME,
                "PORT", "0",
                "LOG_JSON", "false",
                // The worker runs its prod profile: loopback is refused unless allow-listed, as in production.
                "CRAWLIFY_WORKER_ALLOWED_PRIVATE_TARGETS", "127.0.0.0/8",
                "CRAWLIFY_WORKER_DRAIN_PERIOD", "5s"));
        return Map.of("quarkus.google.cloud.project-id", PROJECT);
    }

    @Override
    public void stop() {
        if (worker != null) {
            worker.stop();
        }
    }
}
