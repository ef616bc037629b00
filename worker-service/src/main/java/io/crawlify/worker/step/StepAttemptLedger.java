package io.crawlify.worker.step;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * Which step attempts are running or done, shared by all workers: Pub/Sub delivers at least once, and an HTTP
 * call or a shell command must not run twice because its message came back. A claim expires after the attempt's
 * timeout (plus slack), so an attempt whose worker died can run again.
 */
@ApplicationScoped
public class StepAttemptLedger {

    private static final String RUNNING = "running";

    public enum State { CLAIMED, RUNNING, DONE }

    public record Claim(State state, byte[] outcome) {
    }

    private final ReactiveValueCommands<String, String> values;

    public StepAttemptLedger(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    public Uni<Claim> claim(String taskId, Duration ttl) {
        return values.setGet(key(taskId), RUNNING, new SetArgs().nx().px(ttl))
                .map(previous -> {
                    if (previous == null) {
                        return new Claim(State.CLAIMED, null);
                    }
                    return RUNNING.equals(previous) ? new Claim(State.RUNNING, null)
                            : new Claim(State.DONE, previous.getBytes(StandardCharsets.UTF_8));
                });
    }

    public Uni<Void> done(String taskId, byte[] outcome, Duration retention) {
        return values.set(key(taskId), new String(outcome, StandardCharsets.UTF_8), new SetArgs().px(retention));
    }

    private static String key(String taskId) {
        return "crawlify:step-attempt:" + taskId;
    }
}
