package io.crawlify.model.crawl;

/**
 * Discovers links matching {@code selector}, tags them with {@code marker}; at most {@code limit} per page.
 * {@code attr} names the attribute holding the URL (default {@code href}).
 */
public record ExtractLinksNode(String selector, String marker, Integer limit, String attr) implements NodeSpec {

    public ExtractLinksNode {
        attr = attr == null ? "href" : attr;
    }
}
