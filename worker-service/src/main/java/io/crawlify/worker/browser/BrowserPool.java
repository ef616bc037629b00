package io.crawlify.worker.browser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;

import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.phase.FetchException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * A bounded set of browser slots over one Chromium. Each slot is one platform thread that owns its Playwright
 * driver, connected to the worker's Chromium through a Playwright browser server: Playwright objects never leave that thread, and its blocking
 * calls never run on an event loop. A task gets a fresh context on a free slot; the context (and so every page) is
 * closed when the task ends. Chromium is relaunched after {@code pagesPerBrowser} pages, after a crash, and when the
 * watchdog had to kill it because a task ran past {@code taskTimeout}. Slots start on first use: a worker that only
 * crawls over HTTP runs no browser.
 */
@ApplicationScoped
public class BrowserPool {

    /** The work of one task, run on a slot's thread against a fresh page. */
    @FunctionalInterface
    public interface PageWork<T> {
        T render(Page page, BrowserContext context);
    }

    private final WorkerConfig.Browser config;
    private final Chromium chromium;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final Counter kills;
    private ScheduledExecutorService watchdog;
    private volatile PlaywrightDriver driver;
    private volatile boolean closed;

    public BrowserPool(WorkerConfig config, MeterRegistry metrics) {
        this.config = config.browser();
        this.chromium = new Chromium(this.config, metrics.counter("crawlify.worker.browser.launches"));
        this.kills = metrics.counter("crawlify.worker.browser.kills");
        metrics.gauge("crawlify.worker.browser.busy", busy);
        metrics.gauge("crawlify.worker.browser.queued", queue, BlockingQueue::size);
    }

    /**
     * Runs {@code work} on the next free slot with a new context built from {@code options}. Fails with a
     * {@link FetchException}: {@code browser_timeout} and {@code browser_crash} are retryable.
     */
    public <T> Uni<T> submit(ContextOptions options, PageWork<T> work) {
        return Uni.createFrom().<T>emitter(emitter -> {
            if (closed) {
                emitter.fail(new FetchException("browser_unavailable", "the worker is shutting down", true));
                return;
            }
            start();
            queue.add(new Job<>(options, work, emitter));
        }).emitOn(Infrastructure.getDefaultWorkerPool());
    }

    private synchronized void start() {
        if (!slots.isEmpty() || closed) {
            return;
        }
        driver = PlaywrightDriver.configure(config);
        chromium.useDriver(driver);
        for (int i = 0; i < config.contexts(); i++) {
            Slot slot = new Slot(i);
            slots.add(slot);
            Thread thread = new Thread(slot::loop, "browser-" + i);
            thread.setDaemon(true);
            slot.thread = thread;
            thread.start();
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "browser-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        Log.infof("browser pool: %d slot(s), chromium %s", config.contexts(), config.executablePath());
    }

    /**
     * Kills Chromium when a slot's task overran: its blocked call then fails and the slots reconnect to a new
     * browser. The other pages in flight fail too (retryably); a stuck page is rare, a stuck slot is permanent.
     */
    private void watch() {
        long limit = config.taskTimeout().toNanos();
        int generation = chromium.generation;
        Set<Integer> inUse = new HashSet<>();
        for (Slot slot : slots) {
            if (slot.job != null) {
                inUse.add(slot.connectedGeneration);
            }
        }
        chromium.retireUnused(inUse);
        for (Slot slot : slots) {
            Job<?> job = slot.job;
            if (job != null && !slot.timedOut && System.nanoTime() - slot.jobStarted > limit) {
                slot.timedOut = true;
                kills.increment();
                Log.warnf("browser-%d: task ran past %s; killing chromium", slot.index, config.taskTimeout());
                if (chromium.generation == generation) {
                    chromium.kill();
                }
            }
        }
    }

    @PreDestroy
    void close() {
        synchronized (this) {
            closed = true;
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        for (Job<?> job; (job = queue.poll()) != null;) {
            job.emitter.fail(new FetchException("browser_unavailable", "the worker is shutting down", true));
        }
        for (Slot slot : slots) {
            try {
                slot.thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        chromium.kill();
    }

    /** How a task's browser context is set up. */
    public record ContextOptions(String userAgent, int viewportWidth, int viewportHeight, boolean javaScript,
            String storageState, List<String> blockResources, List<String> blockUrlPatterns, long timeoutMs) {
    }

    private record Job<T>(ContextOptions options, PageWork<T> work, UniEmitter<? super T> emitter) {

        void run(Browser browser) {
            T result = render(browser);
            emitter.complete(result);
        }

        private T render(Browser browser) {
            Browser.NewContextOptions contextOptions = new Browser.NewContextOptions()
                    .setViewportSize(options.viewportWidth(), options.viewportHeight())
                    .setJavaScriptEnabled(options.javaScript());
            if (options.userAgent() != null) {
                contextOptions.setUserAgent(options.userAgent());
            }
            if (options.storageState() != null) {
                contextOptions.setStorageState(options.storageState());
            }
            BrowserContext context = browser.newContext(contextOptions);
            try {
                context.setDefaultTimeout(options.timeoutMs());
                context.setDefaultNavigationTimeout(options.timeoutMs());
                if (!options.blockResources().isEmpty()) {
                    context.route("**/*", route -> {
                        if (options.blockResources().contains(route.request().resourceType())) {
                            route.abort("blockedbyclient");
                        } else {
                            route.resume();
                        }
                    });
                }
                for (String pattern : options.blockUrlPatterns()) {
                    context.route(pattern, route -> route.abort("blockedbyclient"));
                }
                Page page = context.newPage();
                return work.render(page, context);
            } finally {
                try {
                    context.close();
                } catch (PlaywrightException e) {
                    Log.debugf("closing a browser context: %s", e.getMessage());
                }
            }
        }
    }

    /** One thread and its Playwright driver, connected to the worker's Chromium through its browser server. */
    private final class Slot {
        final int index;
        Thread thread;
        Playwright playwright;
        Browser browser;
        volatile int connectedGeneration = -1;
        volatile Job<?> job;
        volatile long jobStarted;
        volatile boolean timedOut;

        Slot(int index) {
            this.index = index;
        }

        void loop() {
            try {
                while (!closed) {
                    Job<?> next;
                    try {
                        next = queue.poll(500, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        break;
                    }
                    if (next != null) {
                        runJob(next);
                        chromium.restartIfDue();
                    }
                }
            } finally {
                shutdown();
            }
        }

        private void runJob(Job<?> next) {
            busy.incrementAndGet();
            try {
                timedOut = false;
                jobStarted = System.nanoTime();
                job = next;
                next.run(connect());
            } catch (RuntimeException | Error e) {
                next.emitter.fail(classify(e));
                if (!connected()) {
                    disconnect();
                }
            } finally {
                job = null;
                chromium.pagesServed.incrementAndGet();
                busy.decrementAndGet();
            }
        }

        private FetchException classify(Throwable e) {
            if (e instanceof FetchException f) {
                return f;
            }
            if (timedOut) {
                return new FetchException("browser_timeout", "page did not finish within " + config.taskTimeout()
                        + "; the browser was restarted", true, e);
            }
            String message = String.valueOf(e.getMessage());
            if (e instanceof TimeoutError) {
                return new FetchException("timeout", playwrightMessage(message), true, e);
            }
            if (message.contains("crash") || message.contains("Target closed") || message.contains("has been closed")
                    || !connected()) {
                return new FetchException("browser_crash", playwrightMessage(message), true, e);
            }
            return new FetchException("browser_error", (e instanceof PlaywrightException ? ""
                    : e.getClass().getSimpleName() + ": ") + playwrightMessage(message), false, e);
        }

        private boolean connected() {
            try {
                return browser != null && browser.isConnected();
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** This slot's connection to the current Chromium, (re)connecting after a restart or a crash. */
        private Browser connect() {
            Chromium.Endpoint endpoint = chromium.endpoint();
            if (browser != null && (connectedGeneration != endpoint.generation() || !connected())) {
                disconnect();
            }
            if (browser == null) {
                if (playwright == null) {
                    playwright = Playwright.create(new Playwright.CreateOptions()
                            .setEnv(driver.env()));
                }
                try {
                    browser = playwright.chromium().connect(endpoint.url(),
                            new BrowserType.ConnectOptions().setTimeout(config.launchTimeout().toMillis()));
                } catch (PlaywrightException e) {
                    closePlaywright(); // the driver itself may be broken: start over next time
                    throw new FetchException("browser_unavailable", "could not connect to the browser server: "
                            + playwrightMessage(String.valueOf(e.getMessage())), true, e);
                }
                connectedGeneration = endpoint.generation();
            }
            return browser;
        }

        private void disconnect() {
            if (browser != null) {
                try {
                    browser.close(); // a connected browser: drops this connection's contexts and disconnects
                } catch (RuntimeException e) {
                    Log.debugf("browser-%d: disconnecting: %s", index, e.getMessage());
                }
                browser = null;
            }
            if (timedOut) {
                // A killed browser can leave the driver mid-call; a new Playwright is the safe restart.
                closePlaywright();
            }
        }

        private void closePlaywright() {
            if (playwright != null) {
                try {
                    playwright.close();
                } catch (RuntimeException e) {
                    Log.debugf("browser-%d: closing playwright: %s", index, e.getMessage());
                }
                playwright = null;
            }
        }

        private void shutdown() {
            disconnect();
            closePlaywright();
        }
    }

    /** The useful line of a Playwright error ({@code Error { message='...' ...}}), else the first line. */
    static String playwrightMessage(String message) {
        int quoted = message.indexOf("message='");
        String text = quoted < 0 ? message : message.substring(quoted + "message='".length());
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
