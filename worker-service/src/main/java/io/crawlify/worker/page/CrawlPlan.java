package io.crawlify.worker.page;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.url.UrlNormalizer;
import io.crawlify.model.workflow.RetryPolicy;

/**
 * A crawl step's config prepared for use on every page: patterns compiled, the domain scope resolved.
 * Built once per workflow version and step, then cached.
 */
public record CrawlPlan(CrawlConfig config, RetryPolicy retry, List<String> domains, List<Pattern> include,
        List<Pattern> exclude) {

    public static CrawlPlan of(CrawlConfig config, RetryPolicy retry) {
        List<String> domains = config.allowedDomains().isEmpty()
                ? config.startUrls().stream().map(u -> UrlNormalizer.normalize(u).map(UrlNormalizer::host).orElse(""))
                        .distinct().toList()
                : config.allowedDomains().stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        return new CrawlPlan(config, retry, domains,
                config.includePatterns().stream().map(Pattern::compile).toList(),
                config.excludePatterns().stream().map(Pattern::compile).toList());
    }

    /** Whether a discovered, normalised URL is inside the crawl's scope. */
    public boolean inScope(String url) {
        String host = UrlNormalizer.host(url);
        boolean domainOk = domains.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d));
        if (!domainOk) {
            return false;
        }
        if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(url).find())) {
            return false;
        }
        return exclude.stream().noneMatch(p -> p.matcher(url).find());
    }
}
