package io.crawlify.systemtest.support;

import java.util.HashMap;
import java.util.Map;

/**
 * The packaged worker as a process. Its native executable carries no Playwright driver: it is given the driver
 * directory the worker build unpacked ({@code worker-service/target/playwright-driver/driver}).
 */
public final class WorkerProcess extends ServiceProcess {

    static final String MODULE = "worker-service";

    private WorkerProcess(String name, Map<String, String> env) {
        super(MODULE, name, env);
    }

    /** Starts without waiting for it to be ready. */
    static WorkerProcess launch(String name, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        if (NATIVE) {
            all.put("CRAWLIFY_WORKER_BROWSER_DRIVER_DIR",
                    target(MODULE).resolve("playwright-driver").resolve("driver").toString());
        }
        return new WorkerProcess(name, all);
    }

    /** The running worker's process (its descendants include the browsers it launched). */
    public static ProcessHandle current() {
        return Deployment.current().worker().handle();
    }
}
