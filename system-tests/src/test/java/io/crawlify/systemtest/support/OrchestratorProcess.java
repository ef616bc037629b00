package io.crawlify.systemtest.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged orchestrator as a process: the one under test (started by {@link Deployment}), or a further instance
 * a test starts next to it ({@link #start}), against the same PostgreSQL, Redis and Pub/Sub project.
 */
public final class OrchestratorProcess extends ServiceProcess {

    static final String MODULE = "orchestrator-service";

    private OrchestratorProcess(String name, Map<String, String> env) {
        super(MODULE, name, env);
    }

    /** Starts without waiting for it to be ready. */
    static OrchestratorProcess launch(String name, Map<String, String> env) {
        return new OrchestratorProcess(name, env);
    }

    /**
     * A further instance in its prod profile, on its own port, leaving the schema to the instance under test; waits
     * until it reports ready. {@code env} adds to or overrides the defaults. Its log goes to {@code target/<name>.log}.
     */
    public static OrchestratorProcess start(String name, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Deployment.runEnvironment());
        all.put("DB_MIGRATE", "false");
        all.putAll(env);
        OrchestratorProcess instance = launch(name, all);
        try {
            instance.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
        return instance;
    }
}
