package io.crawlify.model.crawl;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Config of a {@code crawl} step: where to start, how far to go, and the phases that run on each page.
 */
public record CrawlConfig(
        List<String> startUrls,
        Integer maxDepth,
        Integer maxPages,
        Renderer renderer,
        BrowserOptions browser,
        List<String> allowedDomains,
        List<String> includePatterns,
        List<String> excludePatterns,
        RateLimit rateLimit,
        Boolean respectRobotsTxt,
        String userAgent,
        Long requestTimeoutMs,
        String startPhase,
        List<Phase> phases,
        FailureThreshold failureThreshold) {

    public enum Renderer {
        @JsonProperty("http") HTTP,
        @JsonProperty("browser") BROWSER,
        @JsonProperty("auto") AUTO
    }

    public CrawlConfig {
        startUrls = startUrls == null ? List.of() : List.copyOf(startUrls);
        maxDepth = maxDepth == null ? 10 : maxDepth;
        maxPages = maxPages == null ? 10_000 : maxPages;
        renderer = renderer == null ? Renderer.HTTP : renderer;
        browser = browser == null ? BrowserOptions.DEFAULT : browser;
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        includePatterns = includePatterns == null ? List.of() : List.copyOf(includePatterns);
        excludePatterns = excludePatterns == null ? List.of() : List.copyOf(excludePatterns);
        rateLimit = rateLimit == null ? RateLimit.UNLIMITED : rateLimit;
        respectRobotsTxt = respectRobotsTxt == null || respectRobotsTxt;
        requestTimeoutMs = requestTimeoutMs == null ? 30_000L : requestTimeoutMs;
        phases = phases == null ? List.of() : List.copyOf(phases);
        if (startPhase == null && !phases.isEmpty()) {
            startPhase = phases.get(0).id();
        }
        failureThreshold = failureThreshold == null ? FailureThreshold.DEFAULT : failureThreshold;
    }

    public Phase phase(String id) {
        return phases.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }
}
