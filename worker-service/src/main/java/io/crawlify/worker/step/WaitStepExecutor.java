package io.crawlify.worker.step;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.step.WaitConfig;
import io.crawlify.model.step.StepTypes;
import io.crawlify.worker.config.StepsConfig;
import io.smallrye.mutiny.Uni;

/**
 * {@code wait}: a timer, no thread held. Waits up to {@code crawlify.steps.wait.max-inline} (and shorter than the
 * step's timeout) run here; a longer one fails as {@code config} with a message saying so, since holding a task
 * for hours on a worker survives neither a redeploy nor the Pub/Sub lease. Output {@code {waitedMs, until}}.
 */
@ApplicationScoped
public class WaitStepExecutor implements StepExecutor<WaitConfig> {

    private final Duration maxInline;

    @Inject
    public WaitStepExecutor(StepsConfig config) {
        this(config.waits().maxInline());
    }

    WaitStepExecutor(Duration maxInline) {
        this.maxInline = maxInline;
    }

    @Override
    public String type() {
        return StepTypes.WAIT;
    }

    @Override
    public Uni<JsonNode> execute(WaitConfig config, StepCall call) {
        Instant start = Instant.now();
        Duration delay;
        Instant until;
        try {
            delay = config.delay(start);
            until = config.end(start);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new StepFailure(StepFailure.CONFIG, e.getMessage()));
        }
        if (delay.compareTo(maxInline) > 0) {
            return Uni.createFrom().failure(new StepFailure(StepFailure.CONFIG, "a wait of " + delay
                    + " is longer than a worker holds a task (crawlify.steps.wait.max-inline=" + maxInline + ")"));
        }
        if (call.timeout() != null && delay.compareTo(call.timeout()) >= 0) {
            return Uni.createFrom().failure(new StepFailure(StepFailure.CONFIG, "a wait of " + delay
                    + " does not fit in the step's timeout of " + call.timeout() + ": raise timeoutMs"));
        }
        call.log().line("waiting " + delay.toMillis() + " ms, until " + until);
        long startNanos = System.nanoTime();
        return sleepUntil(until, delay).map(ignored -> {
            ObjectNode output = JsonNodeFactory.instance.objectNode();
            output.put("waitedMs", (System.nanoTime() - startNanos) / 1_000_000);
            output.put("until", until.toString());
            return output;
        });
    }

    /**
     * Waits out {@code delay}, then again for whatever the wall clock says is left until {@code until}: the timer runs
     * on the monotonic clock, which may tick a little faster than the wall clock, and a wait must never end early.
     */
    private static Uni<Void> sleepUntil(Instant until, Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(delay).chain(() -> {
            Duration left = Duration.between(Instant.now(), until);
            return left.isNegative() || left.isZero() ? Uni.createFrom().voidItem()
                    : sleepUntil(until, left.plusMillis(1));
        });
    }
}
