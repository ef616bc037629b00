package io.crawlify.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crawlify.testsupport.Api;
import io.crawlify.orchestrator.support.CrawlifyTestResources;
import io.crawlify.testsupport.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Starting an execution writes its row, then (in another transaction) its step runs. The reconciler (every second
 * here) can come between the two; it must leave the execution alone, not read "no runs" as "every step done".
 */
@QuarkusTest
@QuarkusTestResource(CrawlifyTestResources.class)
class ExecutionStartRaceTest {

    @Test
    void anExecutionWhoseStepRunsAreNotWrittenYetIsNotEnded() {
        String workflow = Api.createWorkflow("""
                {"name": "starting", "steps": [{"id": "only", "type": "transform", "config": {"expression": "1"}}]}
                """);
        String execution = UUID.randomUUID().toString();
        // The state between the two transactions of a start: the execution row, no step runs yet.
        Db.rows("""
                insert into executions (id, workflow_id, workflow_version, status, started_at)
                values (?::uuid, ?::uuid, 1, 'running', now()) returning id""", execution, workflow);

        // Three reconciler passes later it is still running, with no step ended or invented.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(Db.rows("select status, finished_at from executions where id = ?::uuid", execution).get(0))
                .containsEntry("status", "running").containsEntry("finished_at", null);
        assertThat(Db.count("select count(*) from step_runs where execution_id = ?::uuid", execution)).isZero();
        Db.rows("delete from executions where id = ?::uuid returning id", execution);
    }
}
