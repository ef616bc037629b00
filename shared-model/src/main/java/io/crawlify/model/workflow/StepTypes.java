package io.crawlify.model.workflow;

import java.util.Map;

import io.crawlify.model.crawl.CrawlConfig;

/**
 * The step types this version runs and the typed config each one binds. Other types named in the
 * architecture (http_request, transform, ...) are rejected on write until their executors exist.
 */
public final class StepTypes {

    public static final String CRAWL = "crawl";

    private static final Map<String, Class<?>> CONFIGS = Map.of(CRAWL, CrawlConfig.class);

    private StepTypes() {
    }

    public static boolean isKnown(String type) {
        return CONFIGS.containsKey(type);
    }

    public static Class<?> configType(String type) {
        return CONFIGS.get(type);
    }

    public static java.util.Set<String> known() {
        return CONFIGS.keySet();
    }
}
