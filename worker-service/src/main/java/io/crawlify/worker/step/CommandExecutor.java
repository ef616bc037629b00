package io.crawlify.worker.step;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.step.CommandConfig;
import io.crawlify.model.step.StepTypes;
import io.crawlify.worker.config.StepsConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * {@code command}: runs a program (no shell unless the step runs {@code sh -c}) with its args, env and working
 * directory. Refused ({@code disabled}) unless {@code crawlify.steps.command.enabled=true}. The process starts on
 * a worker thread and is awaited without holding one; stdout and stderr are read on virtual threads, bounded to
 * {@code crawlify.steps.command.max-output-bytes} each. On timeout (the config's {@code timeoutMs} or the step's,
 * whichever is shorter) or cancellation the process and its descendants are killed. The worker's own environment
 * (database passwords, cloud credentials) is not inherited: only PATH, HOME, LANG, LC_ALL, TZ and TMPDIR pass
 * through, plus the step's {@code env}.
 */
@ApplicationScoped
public class CommandExecutor implements StepExecutor<CommandConfig> {

    private static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR");

    private final boolean enabled;
    private final int maxOutputBytes;

    @Inject
    public CommandExecutor(StepsConfig config) {
        this(config.command().enabled(), config.command().maxOutputBytes());
    }

    CommandExecutor(boolean enabled, int maxOutputBytes) {
        this.enabled = enabled;
        this.maxOutputBytes = maxOutputBytes;
    }

    @Override
    public String type() {
        return StepTypes.COMMAND;
    }

    @Override
    public Uni<JsonNode> execute(CommandConfig config, StepCall call) {
        if (!enabled) {
            return Uni.createFrom().failure(new StepFailure(StepFailure.DISABLED,
                    "command steps are disabled on this worker (crawlify.steps.command.enabled=false)"));
        }
        Duration timeout = timeout(config, call);
        return Uni.createFrom().item(() -> start(config, call))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(running -> Uni.createFrom().completionStage(running.finished())
                        .onCancellation().invoke(running::kill)
                        .ifNoItem().after(timeout).failWith(() -> {
                            running.kill();
                            return new StepFailure(StepFailure.TIMEOUT, "'" + config.command() + "' still running after "
                                    + timeout.toMillis() + " ms: killed");
                        })
                        .map(exitCode -> outcome(config, call, running, exitCode)));
    }

    private static Duration timeout(CommandConfig config, StepCall call) {
        Duration own = config.timeoutMs() == null ? null : Duration.ofMillis(config.timeoutMs());
        if (own == null) {
            return call.timeout() == null ? StepTypes.type(StepTypes.COMMAND).defaultTimeout() : call.timeout();
        }
        return call.timeout() == null || own.compareTo(call.timeout()) < 0 ? own : call.timeout();
    }

    private RunningCommand start(CommandConfig config, StepCall call) {
        List<String> commandLine = new ArrayList<>();
        commandLine.add(config.command());
        commandLine.addAll(config.args());
        ProcessBuilder builder = new ProcessBuilder(commandLine);
        Map<String, String> env = builder.environment();
        Map<String, String> own = Map.copyOf(env);
        env.clear();
        INHERITED_ENV.forEach(name -> {
            if (own.containsKey(name)) {
                env.put(name, own.get(name));
            }
        });
        env.putAll(config.env());
        if (config.workingDir() != null) {
            File dir = new File(config.workingDir());
            if (!dir.isDirectory()) {
                throw new StepFailure(StepFailure.CONFIG, "working directory '" + config.workingDir()
                        + "' does not exist on this worker");
            }
            builder.directory(dir);
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            call.log().line("started " + commandLine.get(0) + " (pid " + process.pid() + ")");
            return new RunningCommand(process, maxOutputBytes);
        } catch (IOException e) {
            throw new StepFailure(StepFailure.CONFIG, "cannot run '" + config.command() + "': " + e.getMessage(),
                    null, null, e);
        }
    }

    private static JsonNode outcome(CommandConfig config, StepCall call, RunningCommand running, int exitCode) {
        String stdout = running.stdout().text();
        String stderr = running.stderr().text();
        call.log().lines("", stdout);
        call.log().lines("[stderr] ", stderr);
        call.log().line("exited with " + exitCode);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("exitCode", exitCode);
        output.put("stdout", stdout);
        output.put("stderr", stderr);
        if (exitCode != 0) {
            throw new StepFailure(StepFailure.COMMAND_EXIT, "'" + config.command() + "' exited with " + exitCode
                    + (stderr.isBlank() ? "" : ": " + lastLine(stderr)), null, output, null);
        }
        return output;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        String last = lines[lines.length - 1];
        return last.length() > 300 ? last.substring(0, 300) + "..." : last;
    }

    /** A started process with its output being read. */
    private record RunningCommand(Process process, OutputCapture stdout, OutputCapture stderr) {

        /** After the process exits, how long its streams may take to reach their end. */
        private static final Duration STREAM_GRACE = Duration.ofSeconds(2);

        RunningCommand(Process process, int maxBytes) {
            this(process, OutputCapture.start(process.getInputStream(), maxBytes),
                    OutputCapture.start(process.getErrorStream(), maxBytes));
        }

        /** The exit code, once the process has exited and its streams ended (or the grace after exit passed). */
        CompletableFuture<Integer> finished() {
            return process.onExit().thenCompose(exited -> CompletableFuture.allOf(stdout.done(), stderr.done())
                    .completeOnTimeout(null, STREAM_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(ignored -> exited.exitValue()));
        }

        /** Kills the process and every descendant (found before the parent dies and they are re-parented). */
        void kill() {
            List<ProcessHandle> tree = process.descendants().toList();
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
