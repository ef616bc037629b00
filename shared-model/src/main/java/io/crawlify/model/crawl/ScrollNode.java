package io.crawlify.model.crawl;

/**
 * Scrolls to the bottom repeatedly: until {@code untilCount} elements match {@code untilSelector}, until the page
 * stops growing (neither its height nor the match count changes within {@code waitMs}), or {@code maxScrolls}.
 */
public record ScrollNode(String untilSelector, Integer untilCount, Integer maxScrolls, Long waitMs)
        implements NodeSpec {

    public ScrollNode {
        maxScrolls = maxScrolls == null ? 50 : maxScrolls;
        waitMs = waitMs == null ? 1000L : waitMs;
    }
}
