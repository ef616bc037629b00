package io.crawlify.orchestrator.support;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each test run its own Pub/Sub project on the emulator (no messages left over from earlier runs). No worker
 * runs next to the orchestrator here: the suites in this module prove what the orchestrator does by itself (tasks
 * it publishes stay queued); what needs a worker is in system-tests, against both packaged services.
 */
public class CrawlifyTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String PROJECT = "crawlify-test-" + UUID.randomUUID().toString().substring(0, 8);
    /** The test profile's credential key (application.properties). */
    public static final String CREDENTIALS_KEY = "Y3Jhd2xpZnktZGV2LWFuZC10ZXN0LW9ubHkta2V5ISE=";

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.google.cloud.project-id", PROJECT);
    }

    @Override
    public void stop() {
    }
}
