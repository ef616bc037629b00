package io.crawlify.orchestrator.engine.crawl;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.crawlify.model.frontier.FrontierKeys;
import io.crawlify.model.frontier.FrontierScripts;
import io.crawlify.orchestrator.engine.ExecutionStats;
import io.crawlify.runtime.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The orchestrator's side of a crawl step's frontier: admitting the seeds, reading the step's counters, recording
 * a page task that will never finish normally, and letting the keys expire. Workers admit what they discover.
 * Every call is idempotent (a seed admitted twice is returned again, a task recorded once), so each is retried
 * with a timeout at this boundary.
 */
@ApplicationScoped
public class SeedFrontier {

    private static final LuaScript ADMIT = new LuaScript(FrontierScripts.ADMIT);
    private static final LuaScript COMPLETE = new LuaScript(FrontierScripts.COMPLETE);

    private final ReactiveRedisDataSource redis;

    public SeedFrontier(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Admits the seeds (within max pages); returns those to publish, again on a retried dispatch. */
    @AsynchronousNonBlocking
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    public Uni<List<String>> admitSeeds(UUID executionId, String stepId, int maxPages, List<String> urls) {
        FrontierKeys keys = FrontierKeys.of(executionId, stepId);
        List<String> args = new ArrayList<>(urls.size() + 2);
        args.add("");
        args.add(Integer.toString(maxPages));
        args.addAll(urls);
        return ADMIT.run(redis, List.of(keys.seen(), keys.stats(), keys.execution().cancelled(),
                keys.execution().stats()), args).map(r -> {
                    List<String> admitted = new ArrayList<>(r.size());
                    for (Response url : r) {
                        admitted.add(url.toString());
                    }
                    return admitted;
                });
    }

    @AsynchronousNonBlocking
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    public Uni<ExecutionStats> stats(UUID executionId, String stepId) {
        return redis.hash(String.class).hgetall(FrontierKeys.of(executionId, stepId).stats())
                .map(ExecutionStats::fromRedis);
    }

    /** Records a page task that will never finish normally (dead-lettered); returns the step's unfinished tasks. */
    @AsynchronousNonBlocking
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    public Uni<Long> recordFailed(UUID executionId, String stepId, String taskId) {
        FrontierKeys keys = FrontierKeys.of(executionId, stepId);
        return COMPLETE.run(redis, List.of(keys.done(), keys.stats(), keys.execution().stats()),
                List.of(taskId, "failed", "0", "0", "0")).map(r -> r.get(1).toLong());
    }

    @AsynchronousNonBlocking
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    public Uni<Void> expire(UUID executionId, String stepId, Duration retention) {
        FrontierKeys keys = FrontierKeys.of(executionId, stepId);
        var key = redis.key(String.class);
        return Uni.join().all(key.expire(keys.seen(), retention), key.expire(keys.done(), retention),
                key.expire(keys.stats(), retention), key.expire(keys.browserSession(), retention))
                .andFailFast().replaceWithVoid();
    }
}
