package io.crawlify.orchestrator.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second orchestrator instance: the packaged orchestrator (built before the tests, see the pom) run as a process
 * in its prod profile against the same PostgreSQL, Redis and Pub/Sub project as the one under test, on its own
 * port. Under {@code make native-test} (failsafe's {@code native.image.path}) it is the native executable, like the
 * instance under test. Its log goes to {@code target/<name>.log}.
 */
public final class OrchestratorProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private OrchestratorProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the instance and waits until it reports ready. {@code env} adds to or overrides the defaults. */
    public static OrchestratorProcess start(String name, Map<String, String> env) {
        int port = freePort();
        Path log = Path.of("target", name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(Map.of(
                "GOOGLE_CLOUD_PROJECT", CrawlifyTestResources.PROJECT,
                "PUBSUB_EMULATOR_HOST", CrawlifyTestResources.EMULATOR,
                "DB_NAME", CrawlifyTestResources.DB_NAME,
                "DB_MIGRATE", "false",
                "PORT", String.valueOf(port),
                "LOG_JSON", "false",
                "CRAWLIFY_CREDENTIALS_KEY", CrawlifyTestResources.CREDENTIALS_KEY));
        builder.environment().putAll(env);
        OrchestratorProcess instance;
        try {
            instance = new OrchestratorProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a second orchestrator", e);
        }
        try {
            instance.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
        return instance;
    }

    private static List<String> command() {
        String executable = System.getProperty("native.image.path");
        if (executable != null) {
            if (!Files.isExecutable(Path.of(executable))) {
                throw new IllegalStateException(executable + " is missing: build the orchestrator natively first (make native)");
            }
            return List.of(executable);
        }
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the orchestrator is packaged before "
                    + "its tests (./mvnw verify); with -DskipTests or a test run of its own, build it first with "
                    + "./mvnw package -DskipTests -pl orchestrator-service -am");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on the second orchestrator failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() {
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

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the second orchestrator exited (" + process.exitValue() + "); log: "
                        + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException("the second orchestrator was not ready within " + timeout + "; log: "
                + log.toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
