package io.crawlify.worker.step;

import static io.crawlify.worker.step.Steps.call;
import static io.crawlify.worker.step.Steps.context;
import static io.crawlify.worker.step.Steps.fail;
import static io.crawlify.worker.step.Steps.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Real processes: sh, echo, sleep. */
class CommandExecutorTest {

    private final StepRunner runner = new StepRunner(List.of(new CommandExecutor(true, 1_048_576)));

    @Test
    void runsWithArgsEnvAndWorkingDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("marker.txt"), "here");

        StepResult result = run(runner, call("command", """
                {"command": "sh", "args": ["-c", "echo \\"$GREETING, $1\\"; cat marker.txt; echo warn >&2", "sh", "{{ input.who }}"],
                 "env": {"GREETING": "hello"}, "workingDir": "%s"}
                """.formatted(dir), context("{\"who\": \"Ada Lovelace\"}")));

        assertEquals(0, result.output().get("exitCode").intValue());
        assertEquals("hello, Ada Lovelace\nhere", result.output().get("stdout").textValue());
        assertEquals("warn\n", result.output().get("stderr").textValue());
        assertTrue(result.logs().contains("hello, Ada Lovelace\nhere\n[stderr] warn\nexited with 0"), result.logs());
    }

    @Test
    void aTemplatedNumberIsPassedAsText() {
        StepResult result = run(runner, call("command", "{\"command\": \"echo\", \"args\": [\"{{ input.n }}\", \"{{ input.n * 1.5 }}\"]}",
                context("{\"n\": 3}")));
        assertEquals("3 4.5\n", result.output().get("stdout").textValue());
    }

    @Test
    void argumentsAreNotInterpretedByAShell() {
        StepResult result = run(runner, call("command", "{\"command\": \"echo\", \"args\": [\"$HOME; rm -rf /\", \"*\"]}",
                context("{}")));
        assertEquals("$HOME; rm -rf / *\n", result.output().get("stdout").textValue());
    }

    @Test
    void theWorkersEnvironmentIsNotInherited() {
        StepResult result = run(runner, call("command", "{\"command\": \"env\"}", context("{}")));
        String env = result.output().get("stdout").textValue();
        assertTrue(env.contains("PATH="), env);
        assertFalse(env.contains("JAVA_HOME="), env);
        assertFalse(env.contains("MAVEN"), env);
    }

    @Test
    void aNonZeroExitFailsWithTheOutput() {
        StepFailure failure = fail(runner, call("command", "{\"command\": \"sh\", \"args\": [\"-c\", \"echo partial; echo bad thing >&2; exit 3\"]}",
                context("{}")));

        assertEquals(StepFailure.COMMAND_EXIT, failure.kind());
        assertEquals(3, failure.output().get("exitCode").intValue());
        assertEquals("partial\n", failure.output().get("stdout").textValue());
        assertTrue(failure.getMessage().contains("exited with 3: bad thing"), failure.getMessage());
    }

    @Test
    void aTimeoutKillsTheProcessTree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long start = System.nanoTime();

        StepFailure failure = fail(runner, call("command", """
                {"command": "sh", "args": ["-c", "sleep 30 & echo $! > %s; wait"], "timeoutMs": 500}
                """.formatted(pidFile), context("{}")));

        assertEquals(StepFailure.TIMEOUT, failure.kind());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(waitUntilGone(child), "sleep " + child + " still alive");
    }

    @Test
    void theStepTimeoutAlsoKills(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("self.pid");

        StepFailure failure = fail(runner, call("command", """
                {"command": "sh", "args": ["-c", "echo $$ > %s; exec sleep 30"]}
                """.formatted(pidFile), context("{}"), Duration.ofMillis(500)));

        assertEquals(StepFailure.TIMEOUT, failure.kind());
        assertTrue(waitUntilGone(Long.parseLong(Files.readString(pidFile).strip())));
    }

    @Test
    void outputIsBounded() {
        StepRunner small = new StepRunner(List.of(new CommandExecutor(true, 1000)));

        StepResult result = run(small, call("command",
                "{\"command\": \"sh\", \"args\": [\"-c\", \"head -c 500000 /dev/zero | tr -c x x\"]}",
                context("{}")));

        String stdout = result.output().get("stdout").textValue();
        assertTrue(stdout.startsWith("x".repeat(1000) + "\n[truncated: 500000 bytes"), stdout.substring(0, 50));
    }

    @Test
    void isRefusedUnlessEnabled() {
        StepRunner disabled = new StepRunner(List.of(new CommandExecutor(false, 1000)));

        StepFailure failure = fail(disabled, call("command", "{\"command\": \"echo\"}", context("{}")));

        assertEquals(StepFailure.DISABLED, failure.kind());
        assertTrue(failure.getMessage().contains("crawlify.steps.command.enabled"), failure.getMessage());
    }

    @Test
    void aMissingProgramOrDirectoryIsAConfigFailure() {
        assertEquals(StepFailure.CONFIG, fail(runner, call("command", "{\"command\": \"/nonexistent/prog\"}",
                context("{}"))).kind());
        assertEquals(StepFailure.CONFIG, fail(runner, call("command", "{\"command\": \"echo\", \"workingDir\": \"/nonexistent\"}",
                context("{}"))).kind());
    }

    @Test
    void aBackgroundProcessHoldingTheOutputDoesNotHangTheStep() {
        long start = System.nanoTime();
        StepResult result = run(runner, call("command", "{\"command\": \"sh\", \"args\": [\"-c\", \"echo started; sleep 5 &\"]}",
                context("{}")));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 4_500);
        JsonNode output = result.output();
        assertTrue(output.get("stdout").textValue().startsWith("started"), output.toString());
        assertTrue(output.get("stdout").textValue().contains("stream still open"), output.toString());
    }

    private static boolean waitUntilGone(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
