package io.crawlify.orchestrator.trigger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crawlify.testsupport.Api;
import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.crawlify.testsupport.Db;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A schedule tick claimed by an instance that died before starting its execution is started late by a live
 * instance once the claim lease (60 s) is over, within the catch-up window (1 h); a fresh claim is left alone.
 */
@QuarkusTest
@QuarkusTestResource(CrawlifyTestResources.class)
class ScheduleTickRecoveryTest {

    @Test
    void aTickClaimedByADeadInstanceIsStartedLateOnceAndOnlyWithinTheLeaseAndWindow() {
        try (TestSite site = new TestSite(path -> Page.html("<h1>late</h1>"))) {
            // A schedule that does not fire during the test (03:00 on 1 January).
            String workflow = Api.createWorkflow(TriggerWorkflows.onePage("late ticks", site.url("/"),
                    "[{\"type\": \"schedule\", \"cron\": \"0 0 3 1 1 ?\", \"input\": {\"source\": \"cron\"}}]"));
            claim(workflow, "5 minutes", "2 minutes");   // its claimer died two minutes ago: started late
            claim(workflow, "3 minutes", "10 seconds");  // claimed just now, its claimer may still start it
            claim(workflow, "2 hours", "2 hours");       // outside the catch-up window: given up

            // The execution row comes first, then the tick records it.
            await().atMost(Duration.ofSeconds(20)).until(() -> executions(workflow).size() == 1
                    && firing(workflow, "5 minutes").get("execution_id") != null);
            Map<String, Object> late = firing(workflow, "5 minutes");
            assertThat(late.get("execution_id")).isEqualTo(executions(workflow).get(0).get("id"));
            assertThat(late.get("instance")).isNotEqualTo("dead-instance");
            assertThat(executions(workflow).get(0).get("trigger_type")).isEqualTo("schedule");
            assertThat(executions(workflow).get(0).get("input").toString()).contains("\"source\": \"cron\"");

            // Several syncs later (1 s apart here) nothing else has started: one execution for the one tick.
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(executions(workflow)).hasSize(1);
            assertThat(firing(workflow, "3 minutes").get("execution_id")).isNull();
            assertThat(firing(workflow, "2 hours").get("execution_id")).isNull();
            given().when().delete("/api/v1/workflows/" + workflow).then().statusCode(204);
        }
    }

    /** A claim row as the claiming instance writes it, fire time and claim time in the past. */
    private static void claim(String workflow, String fireAgo, String claimedAgo) {
        Db.rows("""
                insert into trigger_firings (workflow_id, trigger_key, fire_time, instance, claimed_at)
                values (?::uuid, 'triggers[0]', date_trunc('second', now() - ?::interval), 'dead-instance',
                        now() - ?::interval)
                returning workflow_id""", workflow, fireAgo, claimedAgo);
    }

    private static Map<String, Object> firing(String workflow, String fireAgo) {
        List<Map<String, Object>> rows = Db.rows("""
                select execution_id, instance from trigger_firings
                where workflow_id = ?::uuid and fire_time > now() - ?::interval - interval '30 seconds'
                  and fire_time < now() - ?::interval + interval '30 seconds'""", workflow, fireAgo, fireAgo);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static List<Map<String, Object>> executions(String workflow) {
        return Db.rows("select id, trigger_type, input::text as input from executions where workflow_id = ?::uuid",
                workflow);
    }
}
