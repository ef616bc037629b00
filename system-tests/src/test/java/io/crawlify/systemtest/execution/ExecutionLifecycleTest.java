package io.crawlify.systemtest.execution;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.frontier.FrontierKeys;
import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.Messages;
import io.crawlify.testsupport.Api;
import io.crawlify.testsupport.Db;
import io.crawlify.systemtest.support.Deployment;
import io.crawlify.systemtest.support.Redis;
import io.crawlify.systemtest.support.ShopSite;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.restassured.path.json.JsonPath;

/** Cancellation, redelivered tasks and poison messages: effects happen once, nothing loops. */
@SystemTest
class ExecutionLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cancelStopsTheCrawlAndWorkersDropItsRemainingTasks() throws Exception {
        ShopSite shop = new ShopSite(200, 2, 20);
        try (TestSite site = shop.serve()) {
            // 4 requests/s: the crawl would take about a minute.
            String workflow = Api.createWorkflow(Api.shopWorkflow("slow", site.url("/index.html"),
                    "\"userAgent\": \"crawlify-test\"").replace("\"requestsPerSecond\": 0", "\"requestsPerSecond\": 4"));
            String execution = Api.execute(workflow);
            await().atMost(Duration.ofSeconds(30)).until(() -> site.hitLog().size() >= 4);

            given().when().delete("/api/v1/executions/" + execution).then().statusCode(200)
                    .body("status", equalTo("cancelled"));
            int fetchedAtCancel = site.hitLog().size();
            TimeUnit.SECONDS.sleep(3);

            // In-flight fetches may finish; nothing new starts.
            assertThat(site.hitLog().size()).isLessThanOrEqualTo(fetchedAtCancel + 2).isLessThan(shop.pageCount());
            JsonPath cancelled = Api.execution(execution);
            assertThat(cancelled.getString("status")).isEqualTo("cancelled");
            assertThat(cancelled.getString("finishedAt")).isNotNull();
            given().when().delete("/api/v1/executions/" + execution).then().statusCode(409)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aRedeliveredTaskHasItsEffectOnceAndPoisonIsRecordedNotLooped() throws Exception {
        ShopSite shop = new ShopSite(30, 1, 10);
        try (TestSite site = shop.serve()) {
            String workflow = Api.createWorkflow(Api.shopWorkflow("redelivery", site.url("/index.html"), null));
            String execution = Api.execute(workflow);
            JsonPath done = Api.awaitEnd(execution, Duration.ofMinutes(1));
            assertThat(done.getLong("stats.itemsExtracted")).isEqualTo(30);

            // Pub/Sub redelivers: publish a finished product task again, twice, plus a message that is not a task.
            var row = Db.rows("select task_id, url, depth from task_runs where execution_id = ?::uuid and url like '%/product/7.html'",
                    execution).get(0);
            PageTask again = PageTask.of(UUID.fromString(execution), UUID.fromString(workflow), 1, "crawl", "detail",
                    (String) row.get("url"), (Integer) row.get("depth"), "product", null);
            assertThat(again.taskId()).isEqualTo(row.get("task_id"));
            String poisonId = publish(List.of(Messages.encode(again), Messages.encode(again),
                    "{not json".getBytes()));

            await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                    "select count(*) from poison_messages where subscription = 'crawlify-tasks-worker' and message_id = ?",
                    poisonId) == 1);
            TimeUnit.SECONDS.sleep(2);
            assertThat(site.hits("/product/7.html")).as("a finished task is not fetched again").isEqualTo(1);
            assertThat(Db.count("select count(*) from items where execution_id = ?::uuid", execution)).isEqualTo(30);
            JsonPath after = Api.execution(execution);
            assertThat(after.getLong("stats.pagesCrawled")).isEqualTo(done.getLong("stats.pagesCrawled"));
            assertThat(after.getLong("stats.itemsExtracted")).isEqualTo(30);
        }
    }

    @Test
    void anExecutionWhoseTasksStopFinishingFailsAsStalled() {
        // The only page never answers within the stall timeout of the test profile (15 s).
        try (TestSite site = new TestSite(path -> {
            try {
                TimeUnit.SECONDS.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestSite.Page.html("<h1>late</h1>");
        })) {
            String workflow = Api.createWorkflow(Api.shopWorkflow("hung", site.url("/index.html"),
                    "\"requestTimeoutMs\": 60000"));
            JsonPath done = Api.awaitEnd(Api.execute(workflow), Duration.ofSeconds(40));

            assertThat(done.getString("status")).isEqualTo("failed");
            assertThat(done.getString("error")).startsWith("step crawl failed: stalled: 1 task(s) made no progress");
            assertThat(done.getLong("stats.tasksEnqueued")).isEqualTo(1);
        }
    }

    @Test
    void aTaskThatCrashesTheWorkerIsDeadLetteredRecordedAndCounted() throws Exception {
        try (TestSite site = new TestSite(path -> TestSite.Page.html("<h1>start</h1>"))) {
            String workflow = Api.createWorkflow(Api.shopWorkflow("dead-letter", site.url("/index.html"), null));
            String execution = Api.execute(workflow);
            // A task of this execution whose workflow does not exist: the worker breaks on it at every delivery,
            // so after 5 deliveries Pub/Sub moves it to the dead-letter topic. Admit it first, as a worker would.
            PageTask broken = PageTask.of(UUID.fromString(execution), UUID.randomUUID(), 1, "crawl",
                    "listing", site.url("/broken.html"), 1, "listing", null);
            FrontierKeys keys = FrontierKeys.of(broken.executionId(), broken.stepId());
            Redis.command("HINCRBY", keys.stats(), "enqueued", "1");
            Redis.command("HINCRBY", keys.execution().stats(), "enqueued", "1");
            publish(List.of(Messages.encode(broken)));

            JsonPath done = Api.awaitEnd(execution, Duration.ofSeconds(60));

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.tasksEnqueued")).isEqualTo(2);
            assertThat(done.getLong("stats.tasksCompleted")).isEqualTo(1);
            assertThat(done.getLong("stats.tasksFailed")).isEqualTo(1);
            assertThat(Db.rows("select attempt, status, error_kind from task_runs where task_id = ?", broken.taskId()))
                    .containsExactly(java.util.Map.of("attempt", 5, "status", "failed", "error_kind", "dead_letter"));
            assertThat(Db.count("select count(*) from poison_messages where subscription = 'crawlify-tasks-dlq-orchestrator'"
                    + " and data like ?", "%" + broken.taskId() + "%")).isEqualTo(1);
            assertThat(site.hits("/broken.html")).as("the broken task never reached a fetch").isZero();
        }
    }

    /**
     * Publishes raw messages on the tasks topic of this test run, one at a time, through the emulator's REST API;
     * returns the id of the last one.
     */
    private static String publish(List<byte[]> messages) throws Exception {
        URI topic = URI.create("http://" + Deployment.EMULATOR + "/v1/projects/" + Deployment.PROJECT
                + "/topics/crawlify-tasks:publish");
        HttpClient client = HttpClient.newHttpClient();
        String last = null;
        for (byte[] data : messages) {
            String body = JSON.writeValueAsString(java.util.Map.of("messages",
                    List.of(java.util.Map.of("data", Base64.getEncoder().encodeToString(data)))));
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(topic).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("publish failed: " + response.statusCode() + " " + response.body());
            }
            last = JSON.readTree(response.body()).get("messageIds").get(0).asText();
        }
        return last;
    }
}
