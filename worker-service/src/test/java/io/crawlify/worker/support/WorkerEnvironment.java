package io.crawlify.worker.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;

import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the orchestrator normally provides the worker under test: the schema (../migrations, applied with Flyway to
 * a clean test database), and a Pub/Sub project of its own on the emulator with the tasks and events topics and the
 * worker subscription. The worker runs its prod profile against them: loopback targets allow-listed, as in
 * production; Playwright's driver from the directory the build unpacked (a native executable carries none).
 */
public class WorkerEnvironment implements QuarkusTestResourceLifecycleManager {

    public static final String PROJECT = "crawlify-worker-it-" + UUID.randomUUID().toString().substring(0, 8);
    public static final String EMULATOR = System.getenv().getOrDefault("PUBSUB_EMULATOR_HOST", "127.0.0.1:8085");
    public static final String DB_NAME = System.getenv().getOrDefault("TEST_DB_NAME", "crawlify_test");
    public static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/" + DB_NAME;
    public static final String TASKS = "crawlify-tasks";
    public static final String EVENTS = "crawlify-events";
    /** The test's own subscription to the events the worker publishes. */
    public static final String EVENTS_SEEN = "crawlify-events-test";

    @Override
    public Map<String, String> start() {
        Flyway.configure().dataSource(JDBC_URL, "postgres", "").locations("filesystem:../migrations")
                .cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(JDBC_URL, "postgres", "").locations("filesystem:../migrations").load().migrate();
        try (Backends backends = new Backends()) {
            backends.createTopics(TASKS, "crawlify-tasks-dlq", EVENTS);
            backends.createSubscription(Subscription.newBuilder()
                    .setName(SubscriptionName.format(PROJECT, "crawlify-tasks-worker"))
                    .setTopic(TopicName.format(PROJECT, TASKS))
                    .setAckDeadlineSeconds(60)
                    .setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                            .setDeadLetterTopic(TopicName.format(PROJECT, "crawlify-tasks-dlq"))
                            .setMaxDeliveryAttempts(5))
                    .build());
            backends.createSubscription(Subscription.newBuilder()
                    .setName(SubscriptionName.format(PROJECT, EVENTS_SEEN))
                    .setTopic(TopicName.format(PROJECT, EVENTS))
                    .build());
        }
        Path driver = Path.of("target", "playwright-driver", "driver").toAbsolutePath();
        if (!Files.isRegularFile(driver.resolve("package/cli.js"))) {
            throw new IllegalStateException(driver + " has no Playwright driver: package the worker first");
        }
        return Map.ofEntries(
                Map.entry("quarkus.google.cloud.project-id", PROJECT),
                Map.entry("quarkus.google.cloud.pubsub.emulator-host", EMULATOR),
                Map.entry("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/" + DB_NAME),
                Map.entry("crawlify.worker.allowed-private-targets", "127.0.0.0/8"),
                Map.entry("crawlify.worker.drain-period", "5s"),
                Map.entry("crawlify.worker.browser.driver-dir", driver.toString()),
                Map.entry("crawlify.worker.browser.contexts", "2"));
    }

    @Override
    public void stop() {
    }
}
