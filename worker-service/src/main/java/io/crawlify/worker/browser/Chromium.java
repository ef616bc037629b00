package io.crawlify.worker.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.impl.driver.Driver;

import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.phase.FetchException;
import io.micrometer.core.instrument.Counter;
import io.quarkus.logging.Log;

/**
 * The worker's one Chromium, shared by every browser slot. It runs under a Playwright browser server (Playwright's
 * {@code launchServer}, on the driver's Node.js); each slot's own driver connects to it with the Playwright
 * protocol and gets its own contexts. One browser with several contexts renders about 1.6× more pages per second
 * than one browser per slot on the same cores (measured here: 3.8 vs 2.4 pages/s, 4 pages at once), because a
 * browser's own processes (GPU, network, UI) are paid once. (Several independent CDP clients cannot share one
 * Chromium: each auto-attaches to every new page and holds it paused.)
 * <p>
 * A restart (after {@code pagesPerBrowser} pages) is rolling, as Crawlee retires browsers: the next browser is
 * launched at once and each slot moves to it with its next page, while pages in flight finish on the old one,
 * which is killed when no slot uses it any more. A crash or a kill by the watchdog is noticed by the slots, which
 * reconnect to the next generation.
 */
final class Chromium {

    /** Switches a closed network and a crawler need, on top of Playwright's own launch switches. */
    private static final List<String> SWITCHES = List.of("--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--disable-dev-shm-usage", "--disable-gpu");

    private static final Pattern ENDPOINT = Pattern.compile("^CRAWLIFY_WS (ws://\\S+)");

    /** Runs on the driver's Node.js; exits when the worker goes away (stdin closes) and kills the browser then. */
    private static final String SERVER = """
            const pw = require(process.env.CRAWLIFY_PLAYWRIGHT_PACKAGE);
            const o = JSON.parse(process.env.CRAWLIFY_BROWSER_OPTIONS);
            pw.chromium.launchServer({ executablePath: o.executablePath, headless: o.headless, args: o.args,
                timeout: o.timeout, handleSIGTERM: true, handleSIGINT: true })
              .then(server => {
                process.stdout.write('CRAWLIFY_WS ' + server.wsEndpoint() + '\\n');
                server.process().on('exit', () => process.exit(0));
                process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
                process.stdin.resume();
              })
              .catch(e => { process.stderr.write(String((e && e.stack) || e) + '\\n'); process.exit(1); });
            """;

    final AtomicLong pagesServed = new AtomicLong();
    volatile int generation;

    private final WorkerConfig.Browser config;
    private final Counter launches;
    private Map<String, String> driverEnv = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    private Process process;
    private String endpoint;
    /** Replaced browsers still rendering pages of slots that have not moved on yet, by generation. */
    private final Map<Integer, Process> retiring = new HashMap<>();

    Chromium(WorkerConfig.Browser config, Counter launches) {
        this.config = config;
        this.launches = launches;
    }

    /** The driver and Node.js the browser server runs on (set before the first launch). */
    synchronized void useDriver(PlaywrightDriver driver) {
        this.driverEnv = driver.env();
    }

    /** Where a slot connects, and the browser generation it gets there. */
    record Endpoint(String url, int generation) {
    }

    /** The running browser's server, launching one when none runs (first use, crash, kill). */
    synchronized Endpoint endpoint() {
        if (process == null || !process.isAlive()) {
            if (process != null) {
                Log.warnf("chromium (pid %d) is gone; launching a new one", process.pid());
                cleanUp();
            }
            launch();
        }
        return new Endpoint(endpoint, generation);
    }

    /** Replaces the browser once it served its pages; the old one retires (see {@link #retireUnused}). */
    void restartIfDue() {
        if (pagesServed.get() < config.pagesPerBrowser()) {
            return;
        }
        synchronized (this) {
            if (pagesServed.get() >= config.pagesPerBrowser() && process != null) {
                Log.debugf("chromium served %d pages; replacing it", pagesServed.get());
                retiring.put(generation, process);
                cleanUp();
                launch();
            }
        }
    }

    /** Kills retired browsers that no slot is rendering on ({@code inUse}: generations of pages in flight). */
    synchronized void retireUnused(Set<Integer> inUse) {
        retiring.entrySet().removeIf(old -> {
            if (inUse.contains(old.getKey())) {
                return false;
            }
            destroy(old.getValue());
            return true;
        });
    }

    /** Kills every browser of this worker; the next {@link #endpoint()} launches a new one. */
    synchronized void kill() {
        retiring.values().forEach(Chromium::destroy);
        retiring.clear();
        if (process != null) {
            destroy(process);
            cleanUp();
        }
    }

    private static void destroy(Process server) {
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
        try {
            server.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void launch() {
        Driver driver = Driver.ensureDriverInstalled(driverEnv, false);
        String node = driver.createProcessBuilder().command().get(0);
        List<String> args = new ArrayList<>(SWITCHES);
        config.args().ifPresent(args::addAll);
        ObjectNode options = JsonNodeFactory.instance.objectNode()
                .put("executablePath", config.executablePath())
                .put("headless", config.headless())
                .put("timeout", config.launchTimeout().toMillis());
        args.forEach(options.putArray("args")::add);
        ProcessBuilder builder = new ProcessBuilder(node, "-e", SERVER).redirectErrorStream(true);
        builder.environment().put("CRAWLIFY_PLAYWRIGHT_PACKAGE", driver.driverDir().resolve("package").toString());
        builder.environment().put("CRAWLIFY_BROWSER_OPTIONS", options.toString());
        builder.environment().putAll(driverEnv);
        CompletableFuture<String> found = new CompletableFuture<>();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new FetchException("browser_unavailable", "cannot start the browser server (" + node + "): "
                    + e.getMessage(), true, e);
        }
        Process started = process;
        Thread reader = new Thread(() -> readOutput(started, found), "chromium-output");
        reader.setDaemon(true);
        reader.start();
        try {
            endpoint = found.get(config.launchTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            kill();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new FetchException("browser_unavailable", "Chromium (" + config.executablePath()
                    + ") did not start: " + cause.getMessage(), true, e);
        }
        pagesServed.set(0);
        generation++;
        launches.increment();
        Log.infof("chromium started (browser server pid %d, generation %d)", process.pid(), generation);
    }

    /** Finds the server's endpoint, then keeps draining the output so the server never blocks on a full pipe. */
    private static void readOutput(Process process, CompletableFuture<String> found) {
        StringBuilder early = new StringBuilder();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = ENDPOINT.matcher(line);
                if (!found.isDone() && m.find()) {
                    found.complete(m.group(1));
                } else if (!found.isDone() && early.length() < 2000) {
                    early.append(line).append('\n');
                } else if (Log.isTraceEnabled()) {
                    Log.tracef("chromium: %s", line);
                }
            }
        } catch (IOException e) {
            Log.debugf("browser server output: %s", e.getMessage());
        }
        found.completeExceptionally(new IOException("the browser server exited: " + early.toString().strip()));
    }

    private void cleanUp() {
        process = null;
        endpoint = null;
    }
}
