package io.crawlify.orchestrator.messaging;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.protobuf.Duration;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.ExpirationPolicy;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;

import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.quarkus.logging.Log;

/**
 * Creates Crawlify's topics and subscriptions when missing: the same code for the emulator and for GCP.
 * The worker subscription gets the ack deadline, retry backoff and dead-letter policy; existing resources
 * are left as they are ({@code cloudrun/setup-pubsub.sh} creates the same topology, and updates what differs).
 */
@ApplicationScoped
public class PubSubTopology {

    /** A policy without a TTL: Pub/Sub would otherwise delete a subscription after 31 idle days. */
    private static final ExpirationPolicy NEVER_EXPIRE = ExpirationPolicy.getDefaultInstance();

    private final QuarkusPubSub pubSub;
    private final OrchestratorConfig.PubSub config;
    private final String projectId;

    public PubSubTopology(QuarkusPubSub pubSub, OrchestratorConfig config,
            @ConfigProperty(name = "quarkus.google.cloud.project-id") String projectId) {
        this.pubSub = pubSub;
        this.config = config.pubsub();
        this.projectId = projectId;
    }

    public void ensure() throws IOException {
        try (TopicAdminClient topics = TopicAdminClient.create(pubSub.topicAdminSettings());
                SubscriptionAdminClient subscriptions = SubscriptionAdminClient.create(
                        pubSub.subscriptionAdminSettings())) {
            for (String topic : new String[] { config.tasksTopic(), config.deadLetterTopic(), config.eventsTopic() }) {
                createTopic(topics, topic);
            }
            createSubscription(subscriptions, Subscription.newBuilder()
                    .setName(SubscriptionName.format(projectId, config.workerSubscription()))
                    .setTopic(TopicName.format(projectId, config.tasksTopic()))
                    .setAckDeadlineSeconds((int) config.ackDeadline().toSeconds())
                    .setMessageRetentionDuration(seconds(config.messageRetention()))
                    .setExpirationPolicy(NEVER_EXPIRE)
                    .setRetryPolicy(retryPolicy(config))
                    .setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                            .setDeadLetterTopic(TopicName.format(projectId, config.deadLetterTopic()))
                            .setMaxDeliveryAttempts(config.maxDeliveryAttempts()))
                    .build());
            createSubscription(subscriptions, plain(config.eventsSubscription(), config.eventsTopic()));
            createSubscription(subscriptions, plain(config.deadLetterSubscription(), config.deadLetterTopic()));
        }
    }

    private Subscription plain(String name, String topic) {
        return Subscription.newBuilder()
                .setName(SubscriptionName.format(projectId, name))
                .setTopic(TopicName.format(projectId, topic))
                .setAckDeadlineSeconds(60)
                .setMessageRetentionDuration(seconds(config.messageRetention()))
                .setExpirationPolicy(NEVER_EXPIRE)
                .build();
    }

    private void createTopic(TopicAdminClient topics, String topic) {
        try {
            topics.createTopic(TopicName.of(projectId, topic));
            Log.infof("created topic %s", topic);
        } catch (AlreadyExistsException e) {
            Log.debugf("topic %s exists", topic);
        }
    }

    private void createSubscription(SubscriptionAdminClient subscriptions, Subscription subscription) {
        try {
            subscriptions.createSubscription(subscription);
            Log.infof("created subscription %s", subscription.getName());
        } catch (AlreadyExistsException e) {
            Log.debugf("subscription %s exists", subscription.getName());
        }
    }

    /** Nacked messages come back after a backoff between the configured bounds, not at once. */
    public static RetryPolicy retryPolicy(OrchestratorConfig.PubSub config) {
        return RetryPolicy.newBuilder()
                .setMinimumBackoff(seconds(config.minRetryBackoff()))
                .setMaximumBackoff(seconds(config.maxRetryBackoff()))
                .build();
    }

    private static Duration seconds(java.time.Duration d) {
        return Duration.newBuilder().setSeconds(d.toSeconds()).build();
    }
}
