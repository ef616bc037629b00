package io.crawlify.orchestrator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.ProjectName;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;

import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The topology the orchestrator provisions on the emulator, read back through the Pub/Sub admin API. */
@QuarkusTest
@QuarkusTestResource(CrawlifyTestResources.class)
class PubSubTopologyTest {

    @Inject
    PubSubTopology topology;

    @Inject
    QuarkusPubSub pubSub;

    @Test
    void createsTopicsAndSubscriptionsWithAckDeadlineRetryAndDeadLetterIdempotently() throws Exception {
        topology.ensure(); // second time (the first ran at startup): must not fail or change anything
        String project = CrawlifyTestResources.PROJECT;
        try (TopicAdminClient topics = TopicAdminClient.create(pubSub.topicAdminSettings());
                SubscriptionAdminClient subscriptions = SubscriptionAdminClient.create(pubSub.subscriptionAdminSettings())) {
            assertThat(topics.listTopics(ProjectName.of(project)).iterateAll())
                    .extracting(t -> TopicName.parse(t.getName()).getTopic())
                    .contains("crawlify-tasks", "crawlify-tasks-dlq", "crawlify-events");

            Subscription worker = subscriptions.getSubscription(SubscriptionName.of(project, "crawlify-tasks-worker"));
            assertThat(worker.getTopic()).isEqualTo(TopicName.format(project, "crawlify-tasks"));
            assertThat(worker.getAckDeadlineSeconds()).isEqualTo(60);
            assertThat(worker.getDeadLetterPolicy().getDeadLetterTopic())
                    .isEqualTo(TopicName.format(project, "crawlify-tasks-dlq"));
            assertThat(worker.getDeadLetterPolicy().getMaxDeliveryAttempts()).isEqualTo(5);
            // The test profile shortens the backoff (production defaults: 10 s to 600 s).
            assertThat(worker.getRetryPolicy().getMinimumBackoff().getSeconds()).isEqualTo(1);
            assertThat(worker.getRetryPolicy().getMaximumBackoff().getSeconds()).isEqualTo(1);

            assertThat(subscriptions.getSubscription(SubscriptionName.of(project, "crawlify-events-orchestrator"))
                    .getTopic()).isEqualTo(TopicName.format(project, "crawlify-events"));
            assertThat(subscriptions.getSubscription(SubscriptionName.of(project, "crawlify-tasks-dlq-orchestrator"))
                    .getTopic()).isEqualTo(TopicName.format(project, "crawlify-tasks-dlq"));
        }
    }
}
