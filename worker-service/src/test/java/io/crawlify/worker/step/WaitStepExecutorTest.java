package io.crawlify.worker.step;

import static io.crawlify.worker.step.Steps.call;
import static io.crawlify.worker.step.Steps.context;
import static io.crawlify.worker.step.Steps.fail;
import static io.crawlify.worker.step.Steps.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class WaitStepExecutorTest {

    private final StepRunner runner = new StepRunner(List.of(new WaitStepExecutor(Duration.ofMinutes(10))));

    @Test
    void waitsForADuration() {
        long start = System.nanoTime();

        StepResult result = run(runner, call("wait", "{\"durationMs\": 300}", context("{}")));

        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(took >= 290 && took < 3_000, "took " + took);
        assertTrue(result.output().get("waitedMs").longValue() >= 290, result.output().toString());
        Instant until = Instant.parse(result.output().get("until").textValue());
        assertTrue(!until.isAfter(Instant.now()), until.toString());
    }

    @Test
    void waitsUntilATemplatedTimestamp() {
        Instant target = Instant.now().plusMillis(400);

        StepResult result = run(runner, call("wait", "{\"until\": \"{{ input.at }}\"}",
                context("{\"at\": \"" + target + "\"}")));

        assertTrue(!Instant.now().isBefore(target));
        assertEquals(target.toString(), result.output().get("until").textValue());
    }

    @Test
    void aMomentAlreadyPastWaitsNothing() {
        StepResult result = run(runner, call("wait", "{\"until\": \"2001-01-01T00:00:00Z\"}", context("{}")));
        assertTrue(result.output().get("waitedMs").longValue() < 100);
    }

    @Test
    void holdsNoThreadWhileWaiting() {
        // 200 waits of 500 ms at once finish in about 500 ms: no thread is parked per wait.
        long start = System.nanoTime();
        List<Uni<StepResult>> waits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            waits.add(runner.run(call("wait", "{\"duration\": \"PT0.5S\"}", context("{}"))));
        }
        Uni.join().all(waits).andFailFast().await().atMost(Duration.ofSeconds(20));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(took < 4_000, "took " + took);
    }

    @Test
    void refusesWaitsLongerThanAWorkerHoldsOrTheTimeout() {
        StepRunner shortInline = new StepRunner(List.of(new WaitStepExecutor(Duration.ofSeconds(1))));
        StepFailure tooLong = fail(shortInline, call("wait", "{\"duration\": \"PT2S\"}", context("{}")));
        assertEquals(StepFailure.CONFIG, tooLong.kind());
        assertTrue(tooLong.getMessage().contains("max-inline"), tooLong.getMessage());

        StepFailure overTimeout = fail(runner, call("wait", "{\"durationMs\": 5000}", context("{}"),
                Duration.ofSeconds(1)));
        assertEquals(StepFailure.CONFIG, overTimeout.kind());
        assertTrue(overTimeout.getMessage().contains("timeoutMs"), overTimeout.getMessage());

        StepFailure badUntil = fail(runner, call("wait", "{\"until\": \"{{ input.at }}\"}", context("{\"at\": \"soon\"}")));
        assertEquals(StepFailure.CONFIG, badUntil.kind());
    }
}
