package io.crawlify.systemtest.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service run as a process on a port of its own: {@code <module>/target/quarkus-app/quarkus-run.jar} on
 * this test's JVM, or under {@code -Dcrawlify.test.native=true} the module's native executable
 * ({@code target/*-runner}). Its output goes to {@code target/<name>.log}.
 */
public class ServiceProcess implements AutoCloseable {

    static final boolean NATIVE = Boolean.getBoolean("crawlify.test.native");
    /** The checkout the services were built in (set by the pom; the module's parent when run from an IDE). */
    private static final Path REPOSITORY = Path.of(System.getProperty("crawlify.test.repository", ".."));

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    protected ServiceProcess(String module, String name, Map<String, String> env) {
        this.name = name;
        this.port = freePort();
        this.log = Path.of("target", name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command(module))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // Whatever the shell running the build has set, the API is open unless a test sets keys itself.
        builder.environment().remove("CRAWLIFY_API_KEYS");
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        try {
            Files.createDirectories(log.getParent());
            this.process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** The module's build output: {@code <repository>/<module>/target}. */
    static Path target(String module) {
        return REPOSITORY.resolve(module).resolve("target").toAbsolutePath().normalize();
    }

    private static List<String> command(String module) {
        Path target = target(module);
        if (NATIVE) {
            List<Path> runners = new ArrayList<>();
            try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "*-runner")) {
                found.forEach(runners::add);
            } catch (IOException e) {
                // no target directory: reported below
            }
            if (runners.size() != 1 || !Files.isExecutable(runners.get(0))) {
                throw new IllegalStateException("expected one native executable " + target + "/*-runner, found "
                        + runners + ": build it first (make native)");
            }
            return List.of(runners.get(0).toString());
        }
        Path jar = target.resolve("quarkus-app").resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the reactor packages " + module + " before the system "
                    + "tests run (./mvnw verify); to run them alone, package it first "
                    + "(./mvnw package -DskipTests -pl " + module + " -am)");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The process (its descendants include what it launched, such as the worker's browsers). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path logFile() {
        return log;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on " + name + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code /q/health/ready} until it answers 200. */
    public void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (" + process.exitValue() + "); log: "
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
            sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; log: " + log.toAbsolutePath());
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL to the process and everything it started. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
