package io.crawlify.orchestrator.cloudrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.ProjectName;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;

import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.smallrye.config.WithDefault;

/**
 * cloudrun/setup-pubsub.sh, unchanged, against the Pub/Sub emulator (gcloud with its endpoint overridden) in a
 * fresh project: the topology read back through the emulator's admin API, then a second run that must change
 * nothing. Its names and settings are the orchestrator's own defaults.
 */
class SetupPubSubScriptTest {

    private static final String EMULATOR = System.getenv().getOrDefault("PUBSUB_EMULATOR_HOST", "127.0.0.1:8085");
    private static final String PROJECT = "crawlify-setup-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> ENV = Map.of(
            "PROJECT", PROJECT,
            "CLOUDSDK_AUTH_DISABLE_CREDENTIALS", "true",
            "CLOUDSDK_API_ENDPOINT_OVERRIDES_PUBSUB", "http://" + EMULATOR + "/",
            "CLOUDSDK_CORE_DISABLE_PROMPTS", "1");

    private static ManagedChannel channel;
    private static TopicAdminClient topics;
    private static SubscriptionAdminClient subscriptions;

    @BeforeAll
    static void connect() throws Exception {
        channel = ManagedChannelBuilder.forTarget(EMULATOR).usePlaintext().build();
        var channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
        topics = TopicAdminClient.create(TopicAdminSettings.newBuilder().setTransportChannelProvider(channels)
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
        subscriptions = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(NoCredentialsProvider.create()).build());
    }

    @AfterAll
    static void close() {
        topics.close();
        subscriptions.close();
        channel.shutdownNow();
    }

    @Test
    void createsTheTopologyOnTheEmulatorAndASecondRunChangesNothing() {
        Map<String, String> defaults = orchestratorDefaults();

        RepoCommand first = RepoCommand.run(ENV, 300, "cloudrun/setup-pubsub.sh");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("IAM grants skipped");

        assertThat(topics.listTopics(ProjectName.of(PROJECT)).iterateAll())
                .extracting(t -> TopicName.parse(t.getName()).getTopic())
                .containsExactlyInAnyOrder(defaults.get("tasksTopic"), defaults.get("deadLetterTopic"),
                        defaults.get("eventsTopic"));

        Subscription worker = subscription(defaults.get("workerSubscription"));
        assertThat(worker.getTopic()).isEqualTo(TopicName.format(PROJECT, defaults.get("tasksTopic")));
        assertThat(worker.getAckDeadlineSeconds()).isEqualTo(60).isEqualTo(seconds(defaults.get("ackDeadline")));
        assertThat(worker.getDeadLetterPolicy().getDeadLetterTopic())
                .isEqualTo(TopicName.format(PROJECT, defaults.get("deadLetterTopic")));
        assertThat(worker.getDeadLetterPolicy().getMaxDeliveryAttempts()).isEqualTo(5)
                .isEqualTo(Integer.parseInt(defaults.get("maxDeliveryAttempts")));
        assertThat(worker.getRetryPolicy().getMinimumBackoff().getSeconds()).isEqualTo(seconds(defaults.get("minRetryBackoff")));
        assertThat(worker.getRetryPolicy().getMaximumBackoff().getSeconds()).isEqualTo(seconds(defaults.get("maxRetryBackoff")));
        assertThat(worker.getMessageRetentionDuration().getSeconds()).isEqualTo(seconds(defaults.get("messageRetention")));
        assertThat(worker.hasExpirationPolicy()).as("never expires").isTrue();
        assertThat(worker.getExpirationPolicy().hasTtl()).as("never expires").isFalse();

        assertThat(subscription(defaults.get("eventsSubscription")).getTopic())
                .isEqualTo(TopicName.format(PROJECT, defaults.get("eventsTopic")));
        assertThat(subscription(defaults.get("deadLetterSubscription")).getTopic())
                .isEqualTo(TopicName.format(PROJECT, defaults.get("deadLetterTopic")));

        RepoCommand second = RepoCommand.run(ENV, 300, "cloudrun/setup-pubsub.sh");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.commands()).as("only reads the second time")
                .allSatisfy(command -> assertThat(command).doesNotContain(" create ", " update ", " delete "));
        assertThat(subscription(defaults.get("workerSubscription"))).isEqualTo(worker);
    }

    private static Subscription subscription(String name) {
        return subscriptions.getSubscription(SubscriptionName.of(PROJECT, name));
    }

    /** The @WithDefault of every setting of the orchestrator's Pub/Sub config, by method name. */
    private static Map<String, String> orchestratorDefaults() {
        return Arrays.stream(OrchestratorConfig.PubSub.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(WithDefault.class))
                .collect(Collectors.toMap(m -> m.getName(), m -> m.getAnnotation(WithDefault.class).value()));
    }

    private static long seconds(String duration) {
        long amount = Long.parseLong(duration.substring(0, duration.length() - 1));
        return switch (duration.charAt(duration.length() - 1)) {
            case 's' -> amount;
            case 'm' -> amount * 60;
            case 'h' -> amount * 3600;
            default -> throw new IllegalArgumentException(duration);
        };
    }
}
