package io.crawlify.model.crawl;

/**
 * Loads a page. The task's URL is always loaded before a phase's nodes run (over HTTP the fetch is the
 * navigation), with the options of the phase's first navigate node. In the browser, a navigate node with
 * {@code url} (resolved against the current page) loads that URL when it is reached.
 * {@code waitUntil}: load (default), domcontentloaded, networkidle or commit.
 */
public record NavigateNode(String waitUntil, Long timeoutMs, String url) implements NodeSpec {

    public static final java.util.Set<String> WAIT_UNTIL = java.util.Set.of("load", "domcontentloaded",
            "networkidle", "commit");
}
