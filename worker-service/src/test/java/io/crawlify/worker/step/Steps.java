package io.crawlify.worker.step;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.expression.ExpressionContext;
import io.crawlify.worker.http.TargetGuard;
import io.vertx.mutiny.core.Vertx;

/** Builds a {@link StepRunner} with every executor, as CDI would, for plain JUnit tests. */
final class Steps {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration AWAIT = Duration.ofSeconds(30);

    private Steps() {
    }

    /** Options of the runner under test; defaults as in production except where a test needs otherwise. */
    record Options(boolean commandEnabled, int maxOutputBytes, int maxResponseBytes, Duration maxInlineWait,
            int maxForEachItems, TargetGuard guard) {

        static Options defaults() {
            return new Options(true, 1_048_576, 10_485_760, Duration.ofMinutes(10), 10_000,
                    new TargetGuard(true, List.of("127.0.0.0/8")));
        }

        Options withCommands(boolean enabled) {
            return new Options(enabled, maxOutputBytes, maxResponseBytes, maxInlineWait, maxForEachItems, guard);
        }

        Options withMaxOutputBytes(int bytes) {
            return new Options(commandEnabled, bytes, maxResponseBytes, maxInlineWait, maxForEachItems, guard);
        }

        Options withMaxResponseBytes(int bytes) {
            return new Options(commandEnabled, maxOutputBytes, bytes, maxInlineWait, maxForEachItems, guard);
        }

        Options withMaxInlineWait(Duration wait) {
            return new Options(commandEnabled, maxOutputBytes, maxResponseBytes, wait, maxForEachItems, guard);
        }

        Options withMaxItems(int items) {
            return new Options(commandEnabled, maxOutputBytes, maxResponseBytes, maxInlineWait, items, guard);
        }

        Options withGuard(TargetGuard value) {
            return new Options(commandEnabled, maxOutputBytes, maxResponseBytes, maxInlineWait, maxForEachItems, value);
        }
    }

    static StepRunner runner(Vertx vertx) {
        return runner(vertx, Options.defaults());
    }

    static StepRunner runner(Vertx vertx, Options options) {
        HttpStepClient http = new HttpStepClient(vertx, "Crawlify-Test/1", Duration.ofSeconds(5),
                options.maxResponseBytes(), 5, options.guard());
        StepRunner[] self = new StepRunner[1];
        List<StepExecutor<?>> executors = new ArrayList<>(List.of(new HttpRequestExecutor(http),
                new WebhookCallExecutor(http), new TransformExecutor(), new ConditionExecutor(),
                new ValidateExecutor(), new WaitStepExecutor(options.maxInlineWait()),
                new CommandExecutor(options.commandEnabled(), options.maxOutputBytes()),
                new ForEachExecutor(() -> self[0], options.maxForEachItems())));
        self[0] = new StepRunner(executors);
        return self[0];
    }

    static JsonNode context(String input) {
        return ExpressionContext.of(json(input), Map.of(), ExpressionContext.execution("exec-1", "wf-1", 2, null),
                null);
    }

    static JsonNode context(String input, Map<String, JsonNode> outputs, String credentials) {
        return ExpressionContext.of(json(input), outputs, ExpressionContext.execution("exec-1", "wf-1", 2, null),
                credentials == null ? null : json(credentials));
    }

    static StepCall call(String type, String config, JsonNode context) {
        return new StepCall("s", type, json(config), context, null, new StepLog());
    }

    static StepCall call(String type, String config, JsonNode context, Duration timeout) {
        return new StepCall("s", type, json(config), context, timeout, new StepLog());
    }

    static StepResult run(StepRunner runner, StepCall call) {
        return runner.run(call).await().atMost(AWAIT);
    }

    static StepFailure fail(StepRunner runner, StepCall call) {
        return assertThrows(StepFailure.class, () -> runner.run(call).await().atMost(AWAIT));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
