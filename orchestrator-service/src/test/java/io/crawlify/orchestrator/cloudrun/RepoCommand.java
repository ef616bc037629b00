package io.crawlify.orchestrator.cloudrun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run from the repository root (tests run in orchestrator-service/), its output and exit status. */
record RepoCommand(int exitCode, String output) {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Runs {@code command} with {@code env} added to this process's environment; stderr joins stdout. */
    static RepoCommand run(Map<String, String> env, long timeoutSeconds, String... command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes(); // until the process closes its output
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new RepoCommand(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The commands it printed ("+ gcloud ..."), without the "+ ". */
    List<String> commands() {
        return output.lines().filter(l -> l.startsWith("+ ")).map(l -> l.substring(2)).toList();
    }
}
