package io.crawlify.worker.step;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.expression.ExpressionContext;
import io.crawlify.model.expression.Expressions;
import io.crawlify.model.step.ForEachConfig;
import io.crawlify.model.step.NestedStep;
import io.crawlify.model.step.StepTypes;
import io.crawlify.worker.config.StepsConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code for_each}: evaluates {@code items} to an array (undefined or null is an empty one; anything else but an
 * array fails as {@code expression}) and runs the nested step once per element through the {@link StepRunner},
 * at most {@code concurrency} at once, with {@code item} and {@code index} added to the context. The output is
 * the array of the runs' outputs in input order.
 * <p>
 * With {@code failFast} (default) the first failed element fails the step with that element's kind, status and
 * output, and the runs in flight are cancelled. Without it every element runs; a failed one leaves
 * {@code {"error": {kind, message, httpStatus?, output?}}} at its position, and the step fails only when every
 * element failed (with the first element's kind), so partial success is visible in the output without failing
 * the workflow. One log line per element outcome; the nested runs' own log lines follow, prefixed {@code [i]}.
 */
@ApplicationScoped
public class ForEachExecutor implements StepExecutor<ForEachConfig> {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Provider<StepRunner> runner;
    private final int maxItems;

    @Inject
    public ForEachExecutor(Provider<StepRunner> runner, StepsConfig config) {
        this(runner, config.forEach().maxItems());
    }

    ForEachExecutor(Provider<StepRunner> runner, int maxItems) {
        this.runner = runner;
        this.maxItems = maxItems;
    }

    @Override
    public String type() {
        return StepTypes.FOR_EACH;
    }

    @Override
    public Uni<JsonNode> execute(ForEachConfig config, StepCall call) {
        JsonNode items = items(config, call);
        int count = items.size();
        call.log().line("running " + config.step().type() + " for " + count + " item(s), " + config.concurrency()
                + " at a time" + (config.failFast() ? ", failing fast" : ""));
        if (count == 0) {
            return Uni.createFrom().item(NODES.arrayNode());
        }
        AtomicReferenceArray<JsonNode> outputs = new AtomicReferenceArray<>(count);
        AtomicReferenceArray<StepFailure> failures = new AtomicReferenceArray<>(count);
        return Multi.createFrom().range(0, count)
                .onItem().transformToUni(i -> runItem(config, call, items.get(i), i, outputs, failures))
                .merge(config.concurrency())
                .collect().last()
                .map(ignored -> collect(outputs, failures, count));
    }

    private JsonNode items(ForEachConfig config, StepCall call) {
        JsonNode items = Expressions.evaluate(Expressions.unwrap(config.items()), call.context());
        if (items.isNull()) {
            return NODES.arrayNode();
        }
        if (!items.isArray()) {
            throw new StepFailure(StepFailure.EXPRESSION, "items must be an array, got " + items.getNodeType()
                    .name().toLowerCase() + " (a JSONata path matching one element yields it alone: wrap the"
                    + " expression in [ ] to always get an array)");
        }
        if (items.size() > maxItems) {
            throw new StepFailure(StepFailure.CONFIG, items.size() + " items is more than a for_each runs"
                    + " (crawlify.steps.for-each.max-items=" + maxItems + ")");
        }
        return items;
    }

    private Uni<Integer> runItem(ForEachConfig config, StepCall parent, JsonNode item, int index,
            AtomicReferenceArray<JsonNode> outputs, AtomicReferenceArray<StepFailure> failures) {
        NestedStep nested = config.step();
        StepLog log = new StepLog();
        StepCall call = new StepCall(parent.stepId() + "[" + index + "]", nested.type(), nested.config(),
                ExpressionContext.withItem(parent.context(), item, index),
                nested.timeoutMs() == null ? null : Duration.ofMillis(nested.timeoutMs()), log);
        long start = System.nanoTime();
        Uni<Integer> run = Uni.createFrom().deferred(() -> runner.get().run(call))
                .map(result -> {
                    outputs.set(index, result.output());
                    parent.log().line("item " + index + ": succeeded in " + millisSince(start) + " ms");
                    parent.log().lines("[" + index + "] ", log.text());
                    return index;
                })
                .onFailure().invoke(error -> {
                    StepFailure failure = StepFailure.from(error);
                    failures.set(index, failure);
                    parent.log().line("item " + index + ": failed (" + failure.kind()
                            + (failure.httpStatus() == null ? "" : " " + failure.httpStatus()) + ") in "
                            + millisSince(start) + " ms: " + failure.getMessage());
                    parent.log().lines("[" + index + "] ", log.text());
                });
        if (config.failFast()) {
            return run.onFailure().transform(error -> {
                StepFailure failure = StepFailure.from(error);
                return new StepFailure(failure.kind(), "item " + index + " failed: " + failure.getMessage(),
                        failure.httpStatus(), failure.output(), failure);
            });
        }
        return run.onFailure().recoverWithItem(index);
    }

    private static JsonNode collect(AtomicReferenceArray<JsonNode> outputs,
            AtomicReferenceArray<StepFailure> failures, int count) {
        ArrayNode result = NODES.arrayNode(count);
        StepFailure first = null;
        int failed = 0;
        for (int i = 0; i < count; i++) {
            StepFailure failure = failures.get(i);
            if (failure == null) {
                JsonNode output = outputs.get(i);
                result.add(output == null ? NODES.nullNode() : output);
                continue;
            }
            failed++;
            first = first == null ? failure : first;
            ObjectNode error = result.addObject().putObject("error");
            error.put("kind", failure.kind());
            error.put("message", failure.getMessage());
            if (failure.httpStatus() != null) {
                error.put("httpStatus", failure.httpStatus());
            }
            if (failure.output() != null) {
                error.set("output", failure.output());
            }
        }
        if (failed == count) {
            throw new StepFailure(first.kind(), "all " + count + " items failed; the first: " + first.getMessage(),
                    first.httpStatus(), result, first);
        }
        return result;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
