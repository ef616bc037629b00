package io.crawlify.worker.browser;

import java.util.Locale;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitUntilState;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.NavigateNode;

/** Playwright navigation options from a navigate node (or the crawl's defaults when there is none). */
public final class Navigation {

    private Navigation() {
    }

    public static Page.NavigateOptions options(NavigateNode node, CrawlConfig config) {
        String waitUntil = node == null || node.waitUntil() == null ? "load" : node.waitUntil();
        long timeout = node == null || node.timeoutMs() == null ? config.requestTimeoutMs() : node.timeoutMs();
        return new Page.NavigateOptions()
                .setWaitUntil(WaitUntilState.valueOf(waitUntil.toUpperCase(Locale.ROOT)))
                .setTimeout(timeout);
    }
}
