package io.crawlify.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.workflow.WorkflowDefinition;

class DagPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static StepDefinition step(String id, String type, String config, String... deps) {
        try {
            return new StepDefinition(id, type, JSON.readTree(config), List.of(deps), null);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static StepRunState run(String id, String status) {
        return new StepRunState(id, status, 0, null, null, null, null);
    }

    private static StepRunState run(String id, String status, String output) throws Exception {
        return new StepRunState(id, status, 1, null, NOW, JSON.readTree(output), null);
    }

    private static DagPlan.Decision decide(WorkflowDefinition definition, Map<String, StepRunState> runs) {
        return DagPlan.decide(definition, runs, NOW, s -> Optional.of(Duration.ofMinutes(1)));
    }

    private static Map<String, StepRunState> runs(StepRunState... states) {
        Map<String, StepRunState> map = new LinkedHashMap<>();
        for (StepRunState s : states) {
            map.put(s.stepId(), s);
        }
        return map;
    }

    @Test
    void dispatchesEveryRootAtOnceAndWaitsForDependencies() {
        WorkflowDefinition wf = new WorkflowDefinition("w", null, List.of(step("a", "transform", "{}"),
                step("b", "transform", "{}"), step("c", "transform", "{}", "a", "b")));
        var decision = decide(wf, runs(run("a", "pending"), run("b", "pending"), run("c", "pending")));
        assertThat(decision.dispatch()).containsExactly("a", "b");
        assertThat(decision.finalStatus()).isEmpty();

        decision = decide(wf, runs(run("a", "succeeded"), run("b", "running"), run("c", "pending")));
        assertThat(decision.dispatch()).isEmpty();
        decision = decide(wf, runs(run("a", "succeeded"), run("b", "succeeded"), run("c", "pending")));
        assertThat(decision.dispatch()).containsExactly("c");
    }

    @Test
    void aFailureSkipsEveryDependantTransitivelyAndFailsTheExecution() {
        WorkflowDefinition wf = new WorkflowDefinition("w", null, List.of(step("c", "transform", "{}", "b"),
                step("a", "transform", "{}"), step("b", "transform", "{}", "a"), step("x", "transform", "{}")));
        var decision = decide(wf, runs(run("a", "failed"), run("b", "pending"), run("c", "pending"),
                run("x", "succeeded")));
        assertThat(decision.skips()).extracting(DagPlan.Skip::stepId).containsExactlyInAnyOrder("b", "c");
        assertThat(decision.skips()).extracting(DagPlan.Skip::reason)
                .contains("upstream step a failed", "upstream step b was skipped");
        assertThat(decision.finalStatus()).contains("failed");
        assertThat(decision.error()).startsWith("step a failed");
    }

    @Test
    void aConditionSkipsTheBranchNotTakenAndItsDependants() throws Exception {
        WorkflowDefinition wf = new WorkflowDefinition("w", null, List.of(
                step("check", "condition", "{\"expression\": \"true\", \"then\": [\"yes\"], \"else\": [\"no\"]}"),
                step("yes", "transform", "{}", "check"), step("no", "transform", "{}", "check"),
                step("after-no", "transform", "{}", "no"), step("always", "transform", "{}", "check")));
        var decision = decide(wf, runs(run("check", "succeeded", "{\"result\": false}"), run("yes", "pending"),
                run("no", "pending"), run("after-no", "pending"), run("always", "pending")));
        assertThat(decision.dispatch()).containsExactlyInAnyOrder("no", "always");
        assertThat(decision.skips()).extracting(DagPlan.Skip::stepId).containsExactly("yes");

        decision = decide(wf, runs(run("check", "succeeded", "{\"result\": true}"), run("yes", "succeeded"),
                run("no", "pending"), run("after-no", "pending"), run("always", "succeeded")));
        assertThat(decision.skips()).extracting(DagPlan.Skip::stepId).containsExactly("no", "after-no");
        assertThat(decision.finalStatus()).contains("succeeded");
    }

    @Test
    void aPendingRetryWaitsForItsDueTimeAndARunningStepPastItsTimeoutExpires() {
        WorkflowDefinition wf = new WorkflowDefinition("w", null, List.of(step("a", "http_request", "{}"),
                step("b", "http_request", "{}")));
        var retrying = new StepRunState("a", "pending", 1, NOW.plusSeconds(3), NOW.minusSeconds(1), null, "boom");
        var overdue = new StepRunState("b", "running", 2, null, NOW.minusSeconds(61), null, null);
        var decision = decide(wf, runs(retrying, overdue));
        assertThat(decision.dispatch()).isEmpty();
        assertThat(decision.wakeAt()).contains(NOW.plusSeconds(3));
        assertThat(decision.expired()).containsExactly(new DagPlan.Expire("b", 2, Duration.ofMinutes(1)));
        assertThat(decision.finalStatus()).isEmpty();
    }

    @Test
    void aCrawlIsNeverTimedByTheOrchestrator() {
        WorkflowDefinition wf = new WorkflowDefinition("w", null, List.of(step("crawl", "crawl", "{}")));
        var running = new StepRunState("crawl", "running", 1, null, NOW.minus(Duration.ofDays(1)), null, null);
        var decision = DagPlan.decide(wf, runs(running), NOW,
                s -> DagPlan.isCrawl(s) ? Optional.empty() : Optional.of(Duration.ofSeconds(1)));
        assertThat(decision.expired()).isEmpty();
        assertThat(decision.changesState()).isFalse();
    }

    @Test
    void skippedStepsDoNotFailTheExecution() {
        WorkflowDefinition wf = new WorkflowDefinition("w", null, List.of(step("a", "transform", "{}")));
        var decision = decide(wf, runs(run("a", "skipped")));
        assertThat(decision.finalStatus()).contains("succeeded");
    }
}
