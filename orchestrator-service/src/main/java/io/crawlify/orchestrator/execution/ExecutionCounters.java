package io.crawlify.orchestrator.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.frontier.ExecutionKeys;
import io.crawlify.model.frontier.FrontierKeys;
import io.crawlify.model.frontier.FrontierScripts;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The orchestrator's side of an execution's Redis frontier: admitting the seeds, reading the live counters,
 * recording dead-lettered tasks, flagging cancellation and letting the keys expire once the execution ends.
 */
@ApplicationScoped
public class ExecutionCounters {

    private final ReactiveRedisDataSource redis;

    public ExecutionCounters(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<List<String>> admitSeeds(UUID executionId, String stepId, int maxPages, List<String> urls) {
        FrontierKeys keys = FrontierKeys.of(executionId, stepId);
        List<String> args = new ArrayList<>();
        args.add(keys.seen());
        args.add(keys.stats());
        args.add(keys.execution().cancelled());
        args.add(keys.execution().stats());
        args.add("");
        args.add(Integer.toString(maxPages));
        args.addAll(urls);
        return eval(FrontierScripts.ADMIT, 4, args).map(r -> {
            List<String> admitted = new ArrayList<>();
            r.forEach(url -> admitted.add(url.toString()));
            return admitted;
        });
    }

    public Uni<ExecutionStats> stats(UUID executionId) {
        return redis.hash(String.class).hgetall(new ExecutionKeys(executionId).stats()).map(ExecutionStats::fromRedis);
    }

    /** Records a task that will never finish normally (dead-lettered); returns the tasks still unfinished. */
    public Uni<Long> recordFailed(UUID executionId, String stepId, String taskId) {
        FrontierKeys keys = FrontierKeys.of(executionId, stepId);
        return eval(FrontierScripts.COMPLETE, 3, List.of(keys.done(), keys.stats(), keys.execution().stats(), taskId, "failed", "0", "0", "0"))
                .map(r -> r.get(1).toLong());
    }

    public Uni<Void> cancel(UUID executionId, Duration retention) {
        return redis.value(String.class).setex(new ExecutionKeys(executionId).cancelled(), retention.toSeconds(), "1");
    }

    public Uni<Void> expire(UUID executionId, Duration retention) {
        ExecutionKeys keys = new ExecutionKeys(executionId);
        var key = redis.key(String.class);
        return key.expire(keys.stats(), retention).replaceWithVoid();
    }

    private Uni<Response> eval(String script, int keyCount, List<String> keysThenArgs) {
        List<String> all = new ArrayList<>(keysThenArgs.size() + 2);
        all.add(script);
        all.add(Integer.toString(keyCount));
        all.addAll(keysThenArgs);
        return redis.execute("EVAL", all.toArray(String[]::new));
    }
}
