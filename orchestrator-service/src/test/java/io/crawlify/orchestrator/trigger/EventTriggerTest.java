package io.crawlify.orchestrator.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;

import io.crawlify.model.trigger.EventTrigger;
import io.crawlify.orchestrator.messaging.EventTriggerReceiver;
import io.crawlify.orchestrator.messaging.PubSubEventTriggers;
import io.crawlify.testsupport.Api;
import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.crawlify.testsupport.Db;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;

/** Event triggers: each JSON message on the topic starts one execution with it as input; bad data is kept as poison. */
@QuarkusTest
@QuarkusTestResource(CrawlifyTestResources.class)
class EventTriggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestSite site;

    @Inject
    QuarkusPubSub pubSub;

    @Inject
    PubSubEventTriggers events;

    @Inject
    EventTriggerReceiver receiver;

    @BeforeAll
    static void serve() {
        site = new TestSite(path -> Page.html("<h1>event</h1>"));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void eachMessageStartsOneExecutionWithItsJsonAsInput() throws Exception {
        String topic = "orders-" + UUID.randomUUID().toString().substring(0, 8);
        String workflow = Api.createWorkflow(TriggerWorkflows.onePage("on orders", site.url("/"),
                "[{\"type\": \"event\", \"topic\": \"" + topic + "\"}]"));
        String subscription = "crawlify-trigger-" + workflow + "-0";
        await().atMost(Duration.ofSeconds(20)).until(() -> events.subscriptions().contains(subscription));

        publish(topic, "{\"orderId\": \"o-1\", \"total\": 12.5}", Map.of());
        publish(topic, "{\"orderId\": \"o-2\", \"total\": 3}", Map.of());
        publish(topic, "this is not JSON", Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> executions(workflow).size() == 2);
        assertThat(executions(workflow)).extracting(row -> JSON.readTree((String) row.get("input")))
                .containsExactlyInAnyOrder(JSON.readTree("{\"orderId\": \"o-1\", \"total\": 12.5}"),
                        JSON.readTree("{\"orderId\": \"o-2\", \"total\": 3}"));
        assertThat(executions(workflow)).allSatisfy(row -> assertThat(row.get("trigger_type")).isEqualTo("event"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "select count(*) from poison_messages where subscription = ? and data = 'this is not JSON'",
                subscription) == 1);
        assertThat(Db.count("""
                select count(*) from trigger_deliveries
                where subscription = ? and execution_id is not null""", subscription)).isEqualTo(2);

        // Each execution is visible through the API with its trigger.
        String executionId = executions(workflow).get(0).get("id").toString();
        assertThat(Api.execution(executionId).getString("trigger")).isEqualTo("event");

        // The poison message was acked, not redelivered into more executions; removing the trigger unsubscribes.
        given().when().delete("/api/v1/workflows/" + workflow).then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> !events.subscriptions().contains(subscription));
        assertThat(executions(workflow)).hasSize(2);
    }

    @Test
    void aFilterLetsOnlyMatchingMessagesThroughANamedSubscription() throws Exception {
        String topic = "events-" + UUID.randomUUID().toString().substring(0, 8);
        String subscription = "orders-only-" + UUID.randomUUID().toString().substring(0, 8);
        String workflow = Api.createWorkflow(TriggerWorkflows.onePage("filtered", site.url("/"),
                "[{\"type\": \"event\", \"topic\": \"" + topic + "\", \"subscription\": \"" + subscription
                        + "\", \"filter\": {\"kind\": \"order\"}}]"));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.subscriptions().contains(subscription));
        double filteredBefore = filtered();

        publish(topic, "{\"n\": 1}", Map.of("kind", "refund"));
        publish(topic, "{\"n\": 2}", Map.of("kind", "order", "region", "eu"));
        publish(topic, "{\"n\": 3}", Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> filtered() >= filteredBefore + 2
                && !executions(workflow).isEmpty());
        assertThat(executions(workflow)).extracting(row -> JSON.readTree((String) row.get("input")))
                .containsExactly(JSON.readTree("{\"n\": 2}"));
        given().when().delete("/api/v1/workflows/" + workflow).then().statusCode(204);
    }

    @Test
    void aClaimLeftByAnInstanceThatDiedIsTakenOverOnceItsLeaseRunsOutAndALiveClaimIsNacked() {
        String workflow = Api.createWorkflow(TriggerWorkflows.onePage("claims", site.url("/"), "[]"));
        WorkflowTrigger trigger = new WorkflowTrigger(UUID.fromString(workflow), 0,
                new EventTrigger("claims", null, Map.of()));
        String subscription = "claims-" + UUID.randomUUID().toString().substring(0, 8);

        // An instance claimed "crashed" two minutes ago and died before starting its execution (lease: 60 s).
        claim(subscription, "crashed", workflow, "2 minutes");
        assertThat(deliver(trigger, subscription, "crashed", "{\"n\": 1}")).isEqualTo("ack");
        assertThat(inputs(workflow)).containsExactly("{\"n\":1}");
        assertThat(Db.count("select count(*) from trigger_deliveries where subscription = ? and message_id = 'crashed'"
                + " and execution_id is not null", subscription)).isEqualTo(1);
        // Its execution started: another delivery of it is acked and starts nothing.
        assertThat(deliver(trigger, subscription, "crashed", "{\"n\": 1}")).isEqualTo("ack");
        assertThat(inputs(workflow)).hasSize(1);

        // "busy" was claimed a moment ago by an instance that is still starting it: nacked, so that it comes back.
        claim(subscription, "busy", workflow, "1 second");
        assertThat(deliver(trigger, subscription, "busy", "{\"n\": 2}")).isEqualTo("nack");
        assertThat(inputs(workflow)).hasSize(1);
        // That instance never finished: once the lease is over, the next delivery starts the execution.
        Db.rows("update trigger_deliveries set received_at = now() - interval '61 seconds'"
                + " where subscription = ? and message_id = 'busy' returning message_id", subscription);
        assertThat(deliver(trigger, subscription, "busy", "{\"n\": 2}")).isEqualTo("ack");
        assertThat(inputs(workflow)).containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}");
        given().when().delete("/api/v1/workflows/" + workflow).then().statusCode(204);
    }

    private static void claim(String subscription, String messageId, String workflow, String age) {
        Db.rows("""
                insert into trigger_deliveries (subscription, message_id, workflow_id, trigger_key, received_at)
                values (?, ?, ?::uuid, 'triggers[0]', now() - ?::interval) returning message_id""",
                subscription, messageId, workflow, age);
    }

    /** One delivery through the receiver, as the Pub/Sub client hands it over; returns how it was answered. */
    private String deliver(WorkflowTrigger trigger, String subscription, String messageId, String data) {
        AtomicReference<String> answer = new AtomicReference<>();
        receiver.receive(trigger, subscription, PubsubMessage.newBuilder().setMessageId(messageId)
                .setData(ByteString.copyFromUtf8(data)).build(), new AckReplyConsumer() {
                    @Override
                    public void ack() {
                        answer.set("ack");
                    }

                    @Override
                    public void nack() {
                        answer.set("nack");
                    }
                });
        return answer.get();
    }

    private static List<Object> inputs(String workflowId) {
        return executions(workflowId).stream().map(row -> (Object) row.get("input").toString().replace(" ", ""))
                .toList();
    }

    /** Messages acked without an execution because their attributes did not match. */
    private static double filtered() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "crawlify_triggers_event_messages_total\\{[^}]*outcome=\"filtered\"[^}]*} ([0-9.Ee+-]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private void publish(String topic, String data, Map<String, String> attributes) throws Exception {
        Publisher publisher = pubSub.publisher(topic);
        try {
            publisher.publish(PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(data))
                    .putAllAttributes(attributes).build()).get(10, TimeUnit.SECONDS);
        } finally {
            publisher.shutdown();
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static List<Map<String, Object>> executions(String workflowId) {
        return Db.rows("select id, trigger_type, input::text as input from executions where workflow_id = ?::uuid",
                workflowId);
    }
}
