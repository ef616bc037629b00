package io.crawlify.worker.page;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.frontier.FrontierKeys;
import io.crawlify.model.frontier.FrontierScripts;
import io.crawlify.model.message.PageTask;
import io.crawlify.runtime.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The worker's side of a crawl step's frontier in Redis (begin, admit, complete): whether a page task still has
 * to run, which discovered URLs are new, and the exact counters that decide when the step is done (summed into
 * its execution's).
 */
@ApplicationScoped
public class PageFrontier {

    public enum Start { RUN, ALREADY_DONE, CANCELLED }

    /** {@code recorded}: this call counted the task; {@code remaining}: unfinished tasks of the execution. */
    public record Completion(boolean recorded, long remaining) {
    }

    private static final LuaScript BEGIN = new LuaScript(FrontierScripts.BEGIN);
    private static final LuaScript ADMIT = new LuaScript(FrontierScripts.ADMIT);
    private static final LuaScript COMPLETE = new LuaScript(FrontierScripts.COMPLETE);

    private final ReactiveRedisDataSource redis;

    public PageFrontier(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Start> begin(PageTask task) {
        FrontierKeys keys = FrontierKeys.of(task.executionId(), task.stepId());
        return BEGIN.run(redis, List.of(keys.done(), keys.execution().cancelled()), List.of(task.taskId()))
                .map(r -> switch (r.toInteger()) {
                    case 0 -> Start.RUN;
                    case 1 -> Start.ALREADY_DONE;
                    default -> Start.CANCELLED;
                });
    }

    /** Returns the URLs this parent may publish: new ones within max pages, and ones it admitted before. */
    public Uni<List<String>> admit(PageTask parent, int maxPages, Collection<String> urls) {
        if (urls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        FrontierKeys keys = FrontierKeys.of(parent.executionId(), parent.stepId());
        List<String> args = new ArrayList<>(urls.size() + 2);
        args.add(parent.taskId());
        args.add(Integer.toString(maxPages));
        args.addAll(urls);
        return ADMIT.run(redis, List.of(keys.seen(), keys.stats(), keys.execution().cancelled(), keys.execution().stats()), args)
                .map(r -> {
                    List<String> admitted = new ArrayList<>(r.size());
                    for (Response url : r) {
                        admitted.add(url.toString());
                    }
                    return admitted;
                });
    }

    /** Records the task as finished, once; {@code renderer} ("http" or "browser") served the page. */
    public Uni<Completion> complete(PageTask task, boolean succeeded, long pages, long items, long bytes,
            String renderer) {
        FrontierKeys keys = FrontierKeys.of(task.executionId(), task.stepId());
        return COMPLETE.run(redis, List.of(keys.done(), keys.stats(), keys.execution().stats()),
                List.of(task.taskId(), succeeded ? "ok" : "failed", Long.toString(pages), Long.toString(items),
                        Long.toString(bytes), renderer))
                .map(r -> new Completion(r.get(0).toInteger() == 1, r.get(1).toLong()));
    }
}
