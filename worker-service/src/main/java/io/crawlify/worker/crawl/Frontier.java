package io.crawlify.worker.crawl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.frontier.FrontierKeys;
import io.crawlify.model.frontier.FrontierScripts;
import io.crawlify.model.message.CrawlTask;
import io.crawlify.worker.redis.RedisScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * An execution's frontier in Redis: whether a task still has to run, which discovered URLs are new, and the
 * exact counters that decide when the execution is done.
 */
@ApplicationScoped
public class Frontier {

    public enum Start { RUN, ALREADY_DONE, CANCELLED }

    /** {@code recorded}: this call counted the task; {@code remaining}: unfinished tasks of the execution. */
    public record Completion(boolean recorded, long remaining) {
    }

    private static final RedisScript BEGIN = new RedisScript(FrontierScripts.BEGIN);
    private static final RedisScript ADMIT = new RedisScript(FrontierScripts.ADMIT);
    private static final RedisScript COMPLETE = new RedisScript(FrontierScripts.COMPLETE);

    private final ReactiveRedisDataSource redis;

    public Frontier(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Start> begin(CrawlTask task) {
        FrontierKeys keys = new FrontierKeys(task.executionId());
        return BEGIN.run(redis, List.of(keys.done(), keys.cancelled()), List.of(task.taskId()))
                .map(r -> switch (r.toInteger()) {
                    case 0 -> Start.RUN;
                    case 1 -> Start.ALREADY_DONE;
                    default -> Start.CANCELLED;
                });
    }

    public Uni<Boolean> cancelled(UUID executionId) {
        return redis.key(String.class).exists(new FrontierKeys(executionId).cancelled());
    }

    /** Returns the URLs this parent may publish: new ones within max pages, and ones it admitted before. */
    public Uni<List<String>> admit(UUID executionId, String parentTaskId, int maxPages, Collection<String> urls) {
        if (urls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        FrontierKeys keys = new FrontierKeys(executionId);
        List<String> args = new ArrayList<>(urls.size() + 2);
        args.add(parentTaskId);
        args.add(Integer.toString(maxPages));
        args.addAll(urls);
        return ADMIT.run(redis, List.of(keys.seen(), keys.stats(), keys.cancelled()), args)
                .map(r -> {
                    List<String> admitted = new ArrayList<>(r.size());
                    for (Response url : r) {
                        admitted.add(url.toString());
                    }
                    return admitted;
                });
    }

    /** Records the task as finished, once; {@code renderer} ("http" or "browser") served the page. */
    public Uni<Completion> complete(UUID executionId, String taskId, boolean succeeded, long pages, long items,
            long bytes, String renderer) {
        FrontierKeys keys = new FrontierKeys(executionId);
        return COMPLETE.run(redis, List.of(keys.done(), keys.stats()),
                List.of(taskId, succeeded ? "ok" : "failed", Long.toString(pages), Long.toString(items),
                        Long.toString(bytes), renderer))
                .map(r -> new Completion(r.get(0).toInteger() == 1, r.get(1).toLong()));
    }
}
