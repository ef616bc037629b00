package io.crawlify.worker.step;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.validation.WorkflowParser;
import io.crawlify.model.step.StepTypes;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs one step: renders its config's templates against the context (expression fields such as
 * {@code transform.expression} are left for the executor to evaluate), binds and checks the rendered config,
 * runs the type's executor and bounds the run by its timeout. Every failure comes out as a {@link StepFailure}.
 */
@ApplicationScoped
public class StepRunner {

    private final Map<String, StepExecutor<?>> executors = new HashMap<>();

    @Inject
    public StepRunner(Instance<StepExecutor<?>> discovered) {
        this((Iterable<StepExecutor<?>>) discovered);
    }

    StepRunner(Iterable<? extends StepExecutor<?>> discovered) {
        for (StepExecutor<?> executor : discovered) {
            StepExecutor<?> previous = executors.put(executor.type(), executor);
            if (previous != null) {
                throw new IllegalStateException("two executors for step type " + executor.type());
            }
        }
    }

    /** Whether this worker has an executor for a type (crawl steps run as page tasks, not here). */
    public boolean runs(String type) {
        return executors.containsKey(type);
    }

    public Uni<StepResult> run(StepCall call) {
        StepTypes.StepType type = StepTypes.type(call.type());
        StepExecutor<?> executor = executors.get(call.type());
        if (type == null || executor == null) {
            return Uni.createFrom().failure(new StepFailure(StepFailure.CONFIG, "no executor for step type '"
                    + call.type() + "' on this worker"));
        }
        Duration timeout = call.timeout() != null ? call.timeout() : type.defaultTimeout();
        StepCall bounded = call.withTimeout(timeout);
        // Rendering templates and evaluating JSONata is CPU work on user data: never on an event loop.
        return Uni.createFrom().deferred(() -> execute(executor, type, bounded))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout).failWith(() -> new StepFailure(StepFailure.TIMEOUT,
                        "step '" + call.stepId() + "' did not finish within " + timeout.toMillis() + " ms"))
                .onFailure().transform(StepFailure::from)
                .map(output -> new StepResult(output, call.log().text()));
    }

    @SuppressWarnings("unchecked")
    private static <C> Uni<JsonNode> execute(StepExecutor<C> executor, StepTypes.StepType type, StepCall call) {
        JsonNode rendered = type.render(call.config(), call.context());
        C config = (C) WorkflowParser.stepConfig(type.name(), rendered);
        return executor.execute(config, call);
    }
}
