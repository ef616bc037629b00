package io.crawlify.worker.phase;

import java.util.Locale;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitUntilState;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.NavigateNode;

/** Playwright navigation options from a navigate node (or the crawl's defaults), and node timeouts. */
public final class Navigation {

    /** How long an interaction node (click, type, wait) waits for its element unless it says otherwise. */
    private static final long DEFAULT_NODE_TIMEOUT_MS = 10_000;

    private Navigation() {
    }

    public static long nodeTimeoutMs(Long timeoutMs) {
        return timeoutMs == null ? DEFAULT_NODE_TIMEOUT_MS : timeoutMs;
    }

    public static Page.NavigateOptions options(NavigateNode node, CrawlConfig config) {
        String waitUntil = node == null || node.waitUntil() == null ? "load" : node.waitUntil();
        long timeout = node == null || node.timeoutMs() == null ? config.requestTimeoutMs() : node.timeoutMs();
        return new Page.NavigateOptions()
                .setWaitUntil(WaitUntilState.valueOf(waitUntil.toUpperCase(Locale.ROOT)))
                .setTimeout(timeout);
    }
}
