package io.crawlify.systemtest.trigger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.testsupport.Api;
import io.crawlify.testsupport.Db;
import io.crawlify.systemtest.support.OrchestratorProcess;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;

/**
 * A cron trigger firing every second with two orchestrators running (the one under test and a second packaged
 * instance started by the test): both schedule the job and compete for every tick, and each tick starts exactly one
 * execution.
 */
@SystemTest
class ScheduleTriggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TICKS = Pattern.compile(
            "crawlify_triggers_schedule_ticks_total\\{[^}]*outcome=\"(claimed|taken)\"[^}]*} ([0-9.Ee+-]+)");

    @Test
    void firesExactlyOncePerTickAcrossTwoInstances() throws Exception {
        try (TestSite site = new TestSite(path -> Page.html("<h1>tick</h1>"));
                OrchestratorProcess second = OrchestratorProcess.start("second-orchestrator",
                        Map.of("CRAWLIFY_TRIGGERS_SYNC_INTERVAL", "1s"))) {
            Map<String, Double> firstBefore = ticks(metrics());
            Map<String, Double> secondBefore = ticks(second.get("/q/metrics"));

            String workflow = Api.createWorkflow(TriggerWorkflows.onePage("every second", site.url("/"),
                    "[{\"type\": \"schedule\", \"cron\": \"*/1 * * * * ?\", \"input\": {\"source\": \"cron\"}}]"));
            // The second instance learns of the workflow through its periodic sync (1 s here).
            await().atMost(Duration.ofSeconds(20)).until(() -> second.log()
                    .contains("scheduled triggers[0] of workflow " + workflow));
            // Ticks claimed before the second instance had the job; it competes for every tick after.
            long beforeSecond = firings(workflow).size();
            await().atMost(Duration.ofSeconds(30)).until(() -> firings(workflow).size() >= beforeSecond + 8);

            given().when().delete("/api/v1/workflows/" + workflow).then().statusCode(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> second.log()
                    .contains("unscheduled triggers[0] of workflow " + workflow));
            Thread.sleep(1500); // ticks already in flight finish

            List<Map<String, Object>> firings = firings(workflow);
            List<Map<String, Object>> executions = Db.rows("""
                    select id, trigger_type, input::text as input from executions where workflow_id = ?::uuid""",
                    workflow);

            // One firing per distinct tick (the primary key), each with the execution it started, and nothing else.
            Set<Timestamp> ticks = firings.stream().map(f -> (Timestamp) f.get("fire_time"))
                    .collect(Collectors.toSet());
            assertThat(ticks).hasSize(firings.size()).hasSizeGreaterThanOrEqualTo(8);
            assertThat(ticks).allSatisfy(t -> assertThat(t.getNanos()).isZero());
            assertThat(firings).allSatisfy(f -> assertThat(f.get("execution_id")).isNotNull());
            assertThat(executions).hasSize(firings.size());
            assertThat(executions.stream().map(e -> e.get("id")).collect(Collectors.toSet()))
                    .isEqualTo(firings.stream().map(f -> f.get("execution_id")).collect(Collectors.toSet()));
            assertThat(executions).allSatisfy(e -> {
                assertThat(e.get("trigger_type")).isEqualTo("schedule");
                assertThat(JSON.readTree((String) e.get("input"))).isEqualTo(JSON.readTree("{\"source\": \"cron\"}"));
            });

            // Both instances competed for the ticks: the claims add up to the firings, and each instance attempted
            // the ticks it had the job for and lost many of them to the other. (A scheduler drops a tick it reaches
            // over a second late, which a loaded machine causes now and then: hence halves, not exact counts.)
            Map<String, Double> first = delta(firstBefore, ticks(metrics()));
            Map<String, Double> other = delta(secondBefore, ticks(second.get("/q/metrics")));
            int n = firings.size();
            System.out.printf("schedule ticks: %d firings (%d before the second instance had the job); instance under "
                    + "test claimed %.0f, lost %.0f; second instance claimed %.0f, lost %.0f; claims by instance: %s%n",
                    n, beforeSecond, first.get("claimed"), first.get("taken"), other.get("claimed"), other.get("taken"),
                    firings.stream().collect(Collectors.groupingBy(f -> f.get("instance"), Collectors.counting())));
            assertThat(first.get("claimed") + other.get("claimed")).isEqualTo((double) n);
            long contested = n - beforeSecond;
            assertThat(first.get("claimed") + first.get("taken")).as("ticks the instance under test attempted")
                    .isGreaterThanOrEqualTo(n / 2.0);
            assertThat(other.get("claimed") + other.get("taken")).as("ticks the second instance attempted")
                    .isGreaterThanOrEqualTo(contested / 2.0);
            assertThat(first.get("taken") + other.get("taken")).as("ticks lost to the other instance")
                    .isGreaterThanOrEqualTo(contested / 2.0);
        }
    }

    private static List<Map<String, Object>> firings(String workflowId) {
        return Db.rows("select fire_time, instance, execution_id from trigger_firings where workflow_id = ?::uuid"
                + " order by fire_time", workflowId);
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static Map<String, Double> ticks(String metrics) {
        Map<String, Double> counts = new java.util.HashMap<>(Map.of("claimed", 0.0, "taken", 0.0));
        Matcher m = TICKS.matcher(metrics);
        while (m.find()) {
            counts.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
        }
        return counts;
    }

    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        return Map.of("claimed", after.get("claimed") - before.get("claimed"),
                "taken", after.get("taken") - before.get("taken"));
    }
}
