package io.crawlify.worker.step;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.expression.Templates;
import io.crawlify.model.message.Messages;
import io.crawlify.model.message.StepEvent;
import io.crawlify.model.message.StepTask;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.worker.breaker.CircuitBreakers;
import io.crawlify.worker.breaker.CircuitOpenException;
import io.crawlify.worker.config.StepsConfig;
import io.crawlify.worker.credential.CredentialStore;
import io.crawlify.worker.definitions.WorkflowDefinitions;
import io.crawlify.worker.execution.ExecutionCancellation;
import io.crawlify.worker.report.Reporter;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Runs one attempt of a non-crawl step: resolves the credentials it references, passes its circuit breaker, runs
 * it through the {@link StepRunner}, redacts every credential value from what it produced, and publishes the
 * outcome. The attempt's outcome is kept under its task id, so a redelivered message republishes it instead of
 * calling the outside world twice.
 */
@ApplicationScoped
public class StepTaskRunner {

    /** Largest step output carried in an event; Pub/Sub takes messages up to 10 MB. */
    static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

    private final WorkflowDefinitions definitions;
    private final StepAttemptLedger ledger;
    private final ExecutionCancellation cancellation;
    private final CredentialStore credentials;
    private final CircuitBreakers breakers;
    private final StepRunner runner;
    private final Reporter reporter;
    private final StepsConfig config;

    public StepTaskRunner(WorkflowDefinitions definitions, StepAttemptLedger ledger, ExecutionCancellation cancellation,
            CredentialStore credentials, CircuitBreakers breakers, StepRunner runner, Reporter reporter,
            StepsConfig config) {
        this.definitions = definitions;
        this.ledger = ledger;
        this.cancellation = cancellation;
        this.credentials = credentials;
        this.breakers = breakers;
        this.runner = runner;
        this.reporter = reporter;
        this.config = config;
    }

    /** Completes when the message may be acked; fails when it should come back. */
    public Uni<Void> run(StepTask task) {
        return definitions.step(task.workflowId(), task.workflowVersion(), task.stepId())
                .chain(step -> ledger.claim(task.taskId(), timeout(step).plus(Duration.ofMinutes(2)))
                        .chain(claim -> switch (claim.state()) {
                            case CLAIMED -> cancellation.cancelled(task.executionId()).chain(cancelled -> cancelled
                                    ? Uni.createFrom().voidItem()
                                    : attempt(task, step).chain(event -> publish(task, event)));
                            case DONE -> republish(claim.outcome());
                            // Another delivery of this attempt is running and will report. Should its worker die,
                            // the orchestrator times the attempt out and dispatches a new one.
                            case RUNNING -> Uni.createFrom().voidItem();
                        }));
    }

    private Uni<StepEvent> attempt(StepTask task, StepDefinition step) {
        long started = System.currentTimeMillis();
        Set<String> names = Templates.credentialNames(step.config());
        return credentials.resolve(names)
                .onFailure().transform(e -> new StepFailure(StepFailure.CONFIG, e.getMessage(), null, null, e))
                .chain(secrets -> {
                    ObjectNode context = withCredentials(task.context(), secrets);
                    Redactor redactor = Redactor.of(context.get("credentials"));
                    String breaker = BreakerNames.of(step, context);
                    return guarded(breaker, () -> runner.run(new StepCall(step.id(), step.type(), step.config(),
                            context, timeout(step), new StepLog())))
                            .map(result -> StepEvent.succeeded(task, redactor.redact(result.output()),
                                    redactor.redact(result.logs()), started, System.currentTimeMillis() - started))
                            .onFailure().recoverWithItem(e -> failed(task, e, redactor, started));
                })
                .onFailure().recoverWithItem(e -> failed(task, e, new Redactor(List.of()), started));
    }

    /** Runs the attempt through the named circuit breaker, if any; an open breaker fails it as {@code circuit_open}. */
    private Uni<StepResult> guarded(String breaker, java.util.function.Supplier<Uni<StepResult>> call) {
        if (breaker == null) {
            return call.get();
        }
        return breakers.acquire(breaker).chain(permit -> {
            if (!permit.permitted()) {
                return Uni.createFrom().failure(new BreakerRejection(breaker, permit.retryAfterMs()));
            }
            return call.get()
                    .call(result -> breakers.record(breaker, permit, true))
                    .onFailure().call(e -> breakers.record(breaker, permit, !BreakerNames.countsAsFailure(e)));
        });
    }

    private StepEvent failed(StepTask task, Throwable e, Redactor redactor, long started) {
        long duration = System.currentTimeMillis() - started;
        if (e instanceof BreakerRejection rejected) {
            return StepEvent.failed(task, null, null, CircuitOpenException.ERROR_KIND, rejected.getMessage(), null,
                    rejected.retryAfterMs, started, duration);
        }
        StepFailure failure = StepFailure.from(e);
        if (StepFailure.INTERNAL.equals(failure.kind())) {
            Log.warnf("step %s broke unexpectedly: %s", task.taskId(), redactor.redact(String.valueOf(e)));
        }
        return StepEvent.failed(task, redactor.redact(failure.output()), null, failure.kind(),
                redactor.redact(failure.getMessage()), failure.httpStatus(), null, started, duration);
    }

    /** An attempt an open circuit breaker refused, with how long until it admits calls again. */
    private static final class BreakerRejection extends RuntimeException {
        private final long retryAfterMs;

        BreakerRejection(String breaker, long retryAfterMs) {
            super("circuit breaker " + breaker + " is open", null, false, false);
            this.retryAfterMs = retryAfterMs;
        }
    }

    private Uni<Void> publish(StepTask task, StepEvent produced) {
        StepEvent event = withinMessageLimit(produced);
        byte[] encoded = Messages.encode(event);
        return reporter.stepEvent(event)
                .chain(() -> ledger.done(task.taskId(), encoded, config.outcomeRetention()))
                .replaceWithVoid();
    }

    /**
     * An outcome too large for one Pub/Sub message (10 MB) keeps its status, error and logs but not its output,
     * which is replaced by a note of its size: later steps should page through big results, not carry them.
     */
    static StepEvent withinMessageLimit(StepEvent event) {
        if (event.output() == null) {
            return event;
        }
        int size = Messages.encode(event.output()).length;
        if (size <= MAX_OUTPUT_BYTES) {
            return event;
        }
        Log.warnf("output of %s is %d bytes, over the %d-byte limit: not recorded", event.taskId(), size,
                MAX_OUTPUT_BYTES);
        var note = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("truncated", true).put("bytes", size).put("limitBytes", MAX_OUTPUT_BYTES);
        return new StepEvent(event.v(), event.type(), event.taskId(), event.executionId(), event.stepId(),
                event.attempt(), note, event.logs(), event.errorKind(), event.errorMessage(), event.httpStatus(),
                event.retryAfterMs(), event.startedAtMs(), event.durationMs());
    }

    private Uni<Void> republish(byte[] outcome) {
        try {
            return reporter.stepEvent(Messages.decode(outcome, StepEvent.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable stored step outcome", e);
        }
    }

    private Duration timeout(StepDefinition step) {
        return step.timeoutMs() == null ? config.defaultTimeout() : Duration.ofMillis(step.timeoutMs());
    }

    private static ObjectNode withCredentials(JsonNode context, Map<String, JsonNode> secrets) {
        ObjectNode copy = context == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : ((ObjectNode) context).deepCopy();
        ObjectNode node = copy.putObject("credentials");
        secrets.forEach(node::set);
        return copy;
    }
}
