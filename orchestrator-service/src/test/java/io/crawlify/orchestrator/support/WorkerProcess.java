package io.crawlify.orchestrator.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged worker service, run as a real process against the same PostgreSQL, Redis and Pub/Sub emulator
 * as the orchestrator under test. The reactor builds worker-service before orchestrator-service's tests. Under
 * {@code make native-test} (system property {@code crawlify.test.worker-executable}) it is the worker's native
 * executable, with the Playwright driver directory the worker build unpacked.
 */
public final class WorkerProcess {

    private static final Path JAR = Path.of("..", "worker-service", "target", "quarkus-app", "quarkus-run.jar");
    private static final Path DRIVER = Path.of("..", "worker-service", "target", "playwright-driver", "driver");

    private static volatile WorkerProcess current;

    private final Process process;

    private WorkerProcess(Process process) {
        this.process = process;
    }

    /** The running worker's process (its descendants include the browsers it launched). */
    public static ProcessHandle current() {
        WorkerProcess worker = current;
        if (worker == null) {
            throw new IllegalStateException("the worker has not been started");
        }
        return worker.process.toHandle();
    }

    public static WorkerProcess start(Map<String, String> env) {
        String executable = System.getProperty("crawlify.test.worker-executable");
        List<String> command;
        if (executable != null) {
            if (!Files.isExecutable(Path.of(executable))) {
                throw new IllegalStateException(executable + " is missing: build the worker natively first (make native)");
            }
            command = List.of(executable);
        } else {
            if (!Files.exists(JAR)) {
                throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build worker-service first "
                        + "(make test runs the whole reactor: ./mvnw verify)");
            }
            command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
        }
        Path log = Path.of("target", "worker-under-test.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        if (executable != null) {
            builder.environment().put("CRAWLIFY_WORKER_BROWSER_DRIVER_DIR", DRIVER.toAbsolutePath().toString());
        }
        try {
            Files.createDirectories(log.getParent());
            current = new WorkerProcess(builder.start());
            return current;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the worker", e);
        }
    }

    /** SIGTERM, then the worker's drain period, then SIGKILL. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
