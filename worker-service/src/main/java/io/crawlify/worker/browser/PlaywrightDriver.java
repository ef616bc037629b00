package io.crawlify.worker.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.graalvm.nativeimage.ImageInfo;

import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.phase.FetchException;

/**
 * Where Playwright's driver (the {@code playwright-core} package) and the Node.js that runs it come from: the
 * machine or the container image, never a download. In the JVM the driver's scripts may come from the Playwright
 * jar (extracted to a temporary directory on first use); a native executable carries no driver, so it needs
 * {@code driver-dir}.
 */
final class PlaywrightDriver {

    private final Map<String, String> env;

    private PlaywrightDriver(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Points Playwright at the configured driver and Node.js; fails when a native executable has no driver. */
    static PlaywrightDriver configure(WorkerConfig.Browser config) {
        if (config.driverDir().isPresent()) {
            Path dir = Path.of(config.driverDir().get());
            if (!Files.isRegularFile(dir.resolve("package").resolve("cli.js"))) {
                throw new FetchException("browser_unavailable", "no Playwright driver in " + dir
                        + " (expected package/cli.js; see CRAWLIFY_WORKER_BROWSER_DRIVER_DIR)", false);
            }
            System.setProperty("playwright.cli.dir", dir.toString());
        } else if (ImageInfo.inImageRuntimeCode()) {
            throw new FetchException("browser_unavailable", "a native worker needs a Playwright driver directory: "
                    + "set CRAWLIFY_WORKER_BROWSER_DRIVER_DIR (the container image sets it)", false);
        }
        Map<String, String> env = new HashMap<>();
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        String node = config.nodePath().orElseGet(PlaywrightDriver::nodeOnPath);
        if (node != null) {
            // The jar's driver reads the system property, a preinstalled driver the environment variable.
            if (System.getProperty("playwright.nodejs.path") == null) {
                System.setProperty("playwright.nodejs.path", node);
            }
            env.put("PLAYWRIGHT_NODEJS_PATH", node);
        }
        return new PlaywrightDriver(env);
    }

    /** The environment every Playwright driver process of this worker gets. */
    Map<String, String> env() {
        return env;
    }

    private static String nodeOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
