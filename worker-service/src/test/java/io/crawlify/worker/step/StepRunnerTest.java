package io.crawlify.worker.step;

import static io.crawlify.worker.step.Steps.call;
import static io.crawlify.worker.step.Steps.context;
import static io.crawlify.worker.step.Steps.fail;
import static io.crawlify.worker.step.Steps.json;
import static io.crawlify.worker.step.Steps.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.step.TransformConfig;
import io.smallrye.mutiny.Uni;

/** What the runner does around every executor: render, bind, check, bound in time, classify failures. */
class StepRunnerTest {

    /** A transform executor that records the config it was given and never finishes. */
    static final class Hanging implements StepExecutor<TransformConfig> {
        final AtomicBoolean cancelled = new AtomicBoolean();
        TransformConfig seen;

        @Override
        public String type() {
            return "transform";
        }

        @Override
        public Uni<JsonNode> execute(TransformConfig config, StepCall call) {
            seen = config;
            return Uni.createFrom().<JsonNode>nothing().onCancellation().invoke(() -> cancelled.set(true));
        }
    }

    @Test
    void expressionFieldsReachTheExecutorUnrendered() {
        Hanging hanging = new Hanging();
        StepRunner runner = new StepRunner(List.of(hanging));

        fail(runner, call("transform", "{\"expression\": \"{{ input.a }} & 'x'\"}", context("{\"a\": 1}"),
                Duration.ofMillis(100)));

        assertEquals("{{ input.a }} & 'x'", hanging.seen.expression());
    }

    @Test
    void theTimeoutFailsAsTimeoutAndCancelsTheExecutor() {
        Hanging hanging = new Hanging();
        StepRunner runner = new StepRunner(List.of(hanging));
        long start = System.nanoTime();

        StepFailure failure = fail(runner, call("transform", "{\"expression\": \"1\"}", context("{}"),
                Duration.ofMillis(200)));

        assertEquals(StepFailure.TIMEOUT, failure.kind());
        assertTrue(failure.getMessage().contains("200 ms"), failure.getMessage());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000);
        assertTrue(hanging.cancelled.get());
    }

    @Test
    void aTypeWithoutExecutorIsAConfigFailure() {
        StepRunner runner = new StepRunner(List.of(new TransformExecutor()));

        assertEquals(StepFailure.CONFIG, fail(runner, call("crawl", "{}", context("{}"))).kind());
        assertEquals(StepFailure.CONFIG, fail(runner, call("teleport", "{}", context("{}"))).kind());
        assertTrue(runner.runs("transform"));
        assertFalse(runner.runs("crawl"));
    }

    @Test
    void twoExecutorsForATypeAreABug() {
        assertThrows(IllegalStateException.class,
                () -> new StepRunner(List.of(new TransformExecutor(), new TransformExecutor())));
    }

    @Test
    void aRenderedConfigIsCheckedLikeAWrittenOne() {
        io.vertx.mutiny.core.Vertx vertx = io.vertx.mutiny.core.Vertx.vertx();
        StepFailure failure;
        try {
            failure = fail(Steps.runner(vertx), call("http_request", "{\"url\": \"{{ input.url }}\"}",
                    context("{\"url\": \"ftp://files.test/x\"}")));
        } finally {
            vertx.closeAndAwait();
        }

        assertEquals(StepFailure.CONFIG, failure.kind());
        assertTrue(failure.getMessage().contains("config.url"), failure.getMessage());
    }

    @Test
    void aFailingTemplateIsAnExpressionFailureNamingTheField() {
        StepRunner runner = new StepRunner(List.of(new CommandExecutor(true, 1024)));

        StepFailure failure = fail(runner, call("command", "{\"command\": \"echo\", \"args\": [\"{{ input.a + 'x' }}\"]}",
                context("{\"a\": 1}")));

        assertEquals(StepFailure.EXPRESSION, failure.kind());
        assertTrue(failure.getMessage().startsWith("config.args[0]: "), failure.getMessage());
    }

    @Test
    void templatesKeepTheirValuesType() {
        StepRunner runner = new StepRunner(List.of(new ForEachExecutor(() -> null, 100), new TransformExecutor()));
        // concurrency comes from a template and binds as a number; the items expression is evaluated by for_each.
        StepFailure failure = fail(runner, call("for_each", """
                {"items": "input.list", "concurrency": "{{ input.n }}", "step": {"type": "transform", "config": {"expression": "item"}}}
                """, context("{\"n\": 65, \"list\": [1]}")));
        assertEquals(StepFailure.CONFIG, failure.kind());
        assertTrue(failure.getMessage().contains("config.concurrency"), failure.getMessage());
    }

    @Test
    void logsComeBackWithTheResult() {
        StepRunner runner = new StepRunner(List.of(new ConditionExecutor()));

        StepResult result = run(runner, call("condition", "{\"expression\": \"input.go\", \"then\": [\"a\"], \"else\": [\"b\"]}",
                context("{\"go\": true}")));

        assertEquals(json("{\"result\": true, \"selected\": [\"a\"], \"skipped\": [\"b\"]}"), result.output());
        assertEquals("condition is true: running [a], skipping [b]\n", result.logs());
    }
}
