package io.crawlify.model.crawl;

/**
 * Takes a PNG of the page ({@code fullPage}, default true) or of the element matching {@code selector}. It is
 * stored as an artifact of the task; every item of the page gets its API path in {@code field}.
 */
public record ScreenshotNode(Boolean fullPage, String selector, String field) implements NodeSpec {

    public ScreenshotNode {
        fullPage = fullPage == null || fullPage;
        field = field == null ? "screenshot" : field;
    }
}
