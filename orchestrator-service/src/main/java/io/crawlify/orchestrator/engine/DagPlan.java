package io.crawlify.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.step.StepTypes;
import io.crawlify.model.workflow.WorkflowDefinition;

/**
 * The scheduling decision for one execution, computed from its definition and the current state of its step runs:
 * which pending steps to skip (an upstream step failed or was skipped, or a condition took the other branch), which
 * to dispatch (every dependency succeeded and any retry delay has passed), which running steps overran their
 * timeout, when to look again, and whether the execution is over. Pure: the caller applies it in one transaction.
 */
public final class DagPlan {

    public static final String CONDITION = "condition";

    /** A step that cannot run, and why. */
    public record Skip(String stepId, String reason) {
    }

    /** A running attempt that reported nothing within its timeout plus grace. */
    public record Expire(String stepId, int attempt, Duration after) {
    }

    public record Decision(List<Skip> skips, List<String> dispatch, List<Expire> expired, Optional<Instant> wakeAt,
            Optional<String> finalStatus, String error) {

        public boolean changesState() {
            return !skips.isEmpty() || !dispatch.isEmpty() || !expired.isEmpty() || finalStatus.isPresent();
        }
    }

    private DagPlan() {
    }

    /**
     * @param timeoutOf a running step's bound, after which an attempt without an outcome counts as timed out;
     *                  empty for steps the orchestrator does not time (a crawl ends when its frontier drains)
     */
    public static Decision decide(WorkflowDefinition definition, Map<String, StepRunState> runs, Instant now,
            java.util.function.Function<StepDefinition, Optional<Duration>> timeoutOf) {
        Map<String, String> status = new HashMap<>();
        runs.forEach((id, run) -> status.put(id, run.status()));
        List<Skip> skips = new ArrayList<>();
        List<String> dispatch = new ArrayList<>();
        List<Expire> expired = new ArrayList<>();
        Instant wakeAt = null;
        // Definition order is a valid processing order only if dependencies come first; loop to a fixpoint instead.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (StepDefinition step : definition.steps()) {
                if (!StepStatus.PENDING.equals(status.get(step.id())) || dispatch.contains(step.id())) {
                    continue;
                }
                Optional<String> skipReason = skipReason(step, definition, status, runs);
                if (skipReason.isPresent()) {
                    skips.add(new Skip(step.id(), skipReason.get()));
                    status.put(step.id(), StepStatus.SKIPPED);
                    changed = true;
                } else if (step.dependsOn().stream().allMatch(d -> StepStatus.SUCCEEDED.equals(status.get(d)))) {
                    Instant due = runs.get(step.id()).dueAt();
                    if (due == null || !due.isAfter(now)) {
                        dispatch.add(step.id());
                    } else if (wakeAt == null || due.isBefore(wakeAt)) {
                        wakeAt = due;
                    }
                }
            }
        }
        for (StepDefinition step : definition.steps()) {
            StepRunState run = runs.get(step.id());
            if (run == null || !StepStatus.RUNNING.equals(run.status()) || run.startedAt() == null) {
                continue;
            }
            Optional<Duration> timeout = timeoutOf.apply(step);
            if (timeout.isPresent()) {
                Instant deadline = run.startedAt().plus(timeout.get());
                if (!deadline.isAfter(now)) {
                    expired.add(new Expire(step.id(), run.attempt(), timeout.get()));
                } else if (wakeAt == null || deadline.isBefore(wakeAt)) {
                    wakeAt = deadline;
                }
            }
        }
        Optional<String> finalStatus = Optional.empty();
        String error = null;
        boolean allTerminal = expired.isEmpty() && dispatch.isEmpty()
                && definition.steps().stream().allMatch(s -> StepStatus.isTerminal(status.get(s.id())));
        if (allTerminal) {
            List<String> failed = definition.steps().stream().map(StepDefinition::id)
                    .filter(id -> StepStatus.FAILED.equals(status.get(id))).toList();
            finalStatus = Optional.of(failed.isEmpty() ? StepStatus.SUCCEEDED : StepStatus.FAILED);
            if (!failed.isEmpty()) {
                StepRunState first = runs.get(failed.get(0));
                error = "step " + failed.get(0) + " failed" + (first.error() == null ? "" : ": " + first.error())
                        + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more)" : "");
            }
        }
        return new Decision(skips, dispatch, expired, Optional.ofNullable(wakeAt), finalStatus, error);
    }

    private static Optional<String> skipReason(StepDefinition step, WorkflowDefinition definition,
            Map<String, String> status, Map<String, StepRunState> runs) {
        for (String dep : step.dependsOn()) {
            String depStatus = status.get(dep);
            if (StepStatus.FAILED.equals(depStatus) || StepStatus.CANCELLED.equals(depStatus)) {
                return Optional.of("upstream step " + dep + " " + depStatus);
            }
            if (StepStatus.SKIPPED.equals(depStatus)) {
                return Optional.of("upstream step " + dep + " was skipped");
            }
            StepDefinition upstream = definition.step(dep);
            if (CONDITION.equals(upstream.type()) && StepStatus.SUCCEEDED.equals(depStatus)
                    && notTaken(upstream, runs.get(dep).output()).contains(step.id())) {
                return Optional.of("condition " + dep + " took the other branch");
            }
        }
        return Optional.empty();
    }

    /** The steps named by the branch a condition did not take. */
    static Set<String> notTaken(StepDefinition condition, JsonNode output) {
        boolean result = output != null && output.path("result").asBoolean(false);
        JsonNode other = condition.config() == null ? null : condition.config().path(result ? "else" : "then");
        Set<String> ids = new HashSet<>();
        if (other != null && other.isArray()) {
            other.forEach(id -> ids.add(id.asText()));
        }
        // A step named in both branches runs either way.
        JsonNode taken = condition.config() == null ? null : condition.config().path(result ? "then" : "else");
        if (taken != null && taken.isArray()) {
            taken.forEach(id -> ids.remove(id.asText()));
        }
        return ids;
    }

    public static boolean isCrawl(StepDefinition step) {
        return StepTypes.CRAWL.equals(step.type());
    }
}
