package io.crawlify.worker.politeness;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.phase.FetchException;
import io.crawlify.worker.http.PageFetcher;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * robots.txt per origin, parsed by crawler-commons and kept for 30 minutes. A missing robots.txt (4xx) allows
 * everything; a failing one (5xx) defers the origin, as RFC 9309 asks.
 */
@ApplicationScoped
public class RobotsPolicy {

    private static final Duration KEEP = Duration.ofMinutes(30);
    private static final int MAX_ORIGINS = 10_000;
    private static final java.util.regex.Pattern PRODUCT_TOKEN_END = java.util.regex.Pattern.compile("[/ ]");

    private final PageFetcher fetcher;
    private final String defaultUserAgent;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final Map<String, Uni<SimpleRobotRules>> rules = new ConcurrentHashMap<>();

    public RobotsPolicy(PageFetcher fetcher, WorkerConfig config) {
        this.fetcher = fetcher;
        this.defaultUserAgent = config.http().userAgent();
    }

    /** Whether {@code userAgent} (null: the worker's default) may fetch {@code url}. */
    public Uni<Boolean> allows(String url, String userAgent, Duration timeout) {
        URI uri = URI.create(url);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        // Rules are matched on the product token of the User-Agent: "Crawlify/0.1 (...)" → "crawlify".
        String agent = PRODUCT_TOKEN_END.split(userAgent == null ? defaultUserAgent : userAgent, 2)[0]
                .toLowerCase(Locale.ROOT);
        if (rules.size() > MAX_ORIGINS) {
            rules.clear();
        }
        return rules.computeIfAbsent(origin + " " + agent,
                key -> fetchRules(origin, agent, userAgent, timeout).memoize().atLeast(KEEP))
                .map(r -> r.isAllowed(url));
    }

    private Uni<SimpleRobotRules> fetchRules(String origin, String agentName, String userAgent, Duration timeout) {
        String robotsUrl = origin + "/robots.txt";
        return fetcher.fetch(robotsUrl, userAgent, timeout)
                .map(page -> parser.parseContent(robotsUrl, page.body().getBytes(StandardCharsets.UTF_8),
                        "text/plain", List.of(agentName)))
                .onFailure(FetchException.class).recoverWithItem(e -> {
                    FetchException failure = (FetchException) e;
                    if (failure.kind().startsWith("http_")) {
                        return parser.failedFetch(Integer.parseInt(failure.kind().substring(5)));
                    }
                    Log.debugf("robots.txt of %s unreachable (%s); allowing", origin, failure.getMessage());
                    return parser.failedFetch(404);
                });
    }
}
