package io.crawlify.worker.browser;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

import io.crawlify.model.crawl.BrowserOptions;
import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.Phase;
import io.crawlify.model.frontier.FrontierKeys;
import io.crawlify.model.message.PageTask;
import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.phase.NodeContext;
import io.crawlify.worker.phase.PhaseRunner;
import io.crawlify.worker.phase.FetchException;
import io.crawlify.worker.phase.Navigation;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Renders a task's page in the browser and runs the phase's nodes against it, on a browser slot. With
 * {@code session: execution} the context starts from the execution's stored cookies and local storage and saves
 * them back afterwards, so a login done by one task carries to the others, on any worker.
 */
@ApplicationScoped
public class BrowserRenderer {

    /** A rendered page: where it ended, its status, the size of its DOM, and what the nodes produced. */
    public record Rendered(URI finalUrl, int status, long bytes, NodeContext context) {
    }

    private final BrowserPool pool;
    private final PhaseRunner phases;
    private final ReactiveRedisDataSource redis;
    private final String defaultUserAgent;
    private final long sessionRetentionSeconds;

    public BrowserRenderer(BrowserPool pool, PhaseRunner phases, ReactiveRedisDataSource redis, WorkerConfig config) {
        this.pool = pool;
        this.phases = phases;
        this.redis = redis;
        this.defaultUserAgent = config.http().userAgent();
        this.sessionRetentionSeconds = config.browser().sessionRetention().toSeconds();
    }

    public Uni<Rendered> render(PageTask task, CrawlConfig config, Phase phase) {
        BrowserOptions browser = config.browser();
        boolean shared = browser.session() == BrowserOptions.Session.EXECUTION;
        String sessionKey = FrontierKeys.of(task.executionId(), task.stepId()).browserSession();
        Uni<String> state = shared ? redis.value(String.class).get(sessionKey) : Uni.createFrom().nullItem();
        return state.chain(storage -> pool.submit(options(config, storage),
                        (page, context) -> renderOn(page, context, task, config, phase, shared)))
                .call(result -> result.storage() == null ? Uni.createFrom().voidItem()
                        : redis.value(String.class).setex(sessionKey, sessionRetentionSeconds, result.storage()))
                .map(SlotResult::rendered);
    }

    private BrowserPool.ContextOptions options(CrawlConfig config, String storage) {
        BrowserOptions browser = config.browser();
        return new BrowserPool.ContextOptions(config.userAgent() == null ? defaultUserAgent : config.userAgent(),
                browser.viewport().width(), browser.viewport().height(), browser.javaScript(), storage,
                browser.blockResources(), browser.blockUrlPatterns(), config.requestTimeoutMs());
    }

    /** Runs on the slot's thread: everything that touches Playwright objects happens here. */
    private SlotResult renderOn(Page page, BrowserContext browserContext, PageTask task, CrawlConfig config,
            Phase phase, boolean shared) {
        Response response = page.navigate(task.url(), Navigation.options(phase.initialNavigation(), config));
        int status = response == null ? 200 : response.status();
        if (status >= 400) {
            throw FetchException.forStatus(status, task.url());
        }
        NodeContext context = NodeContext.live(task, config, phase, page);
        phases.run(context);
        long bytes = context.documentBytes();
        String storage = shared ? browserContext.storageState() : null;
        return new SlotResult(new Rendered(URI.create(page.url()), status, bytes, context), storage);
    }

    private record SlotResult(Rendered rendered, String storage) {
    }

    /** Whether every selector matches something in an HTTP-fetched document: then {@code auto} keeps it. */
    public static boolean satisfies(org.jsoup.nodes.Document document, List<String> requiredSelectors) {
        for (String selector : requiredSelectors) {
            if (document.selectFirst(selector) == null) {
                return false;
            }
        }
        return true;
    }
}
