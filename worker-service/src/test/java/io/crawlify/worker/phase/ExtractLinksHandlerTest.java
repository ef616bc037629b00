package io.crawlify.worker.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import io.crawlify.model.crawl.ExtractLinksNode;
import io.crawlify.model.crawl.Phase;
import io.crawlify.model.message.PageTask;

class ExtractLinksHandlerTest {

    private static final String PAGE_URL = "http://shop.test/c/tools/index.html";

    private static final String LISTING = """
            <nav>
              <a class="cat" href="../garden/">Garden</a>
              <a class="cat" href="/c/kitchen#top">Kitchen</a>
              <a class="next" href="HTTP://Shop.Test:80/c/tools/index.html?page=2">Next</a>
            </nav>
            <ul>
              <li><a class="product" href="p/1.html">Hammer</a></li>
              <li><a class="product" href="mailto:sales@shop.test">Ask us</a></li>
              <li><a class="product" href="javascript:void(0)">Quick view</a></li>
              <li><a class="product" href="#reviews">Reviews</a></li>
              <li><a class="product">No href</a></li>
              <li><a class="product" href="/c/tools/p/2.html">Saw</a></li>
              <li><a class="product" href="https://partner.test/p/3">Drill</a></li>
              <li><a class="product" href="/c/garden/">Garden again</a></li>
              <li><a class="product" data-url="/p/5.html" href="#">Lazy</a></li>
            </ul>
            """;

    private final ExtractLinksHandler handler = new ExtractLinksHandler();

    @Test
    void emitsResolvedNormalisedLinksWithTheMarker() {
        NodeContext context = context(LISTING);

        handler.handle(new ExtractLinksNode("a.cat, a.next", "listing", null, null), context);

        assertEquals(linked(
                "http://shop.test/c/garden/", "listing",
                "http://shop.test/c/kitchen", "listing",
                "http://shop.test/c/tools/index.html?page=2", "listing"), context.links());
        assertEquals(List.of(), context.items());
    }

    @Test
    void skipsHrefsThatAreNotPages() {
        NodeContext context = context(LISTING);

        handler.handle(new ExtractLinksNode("a.product", "product", null, null), context);

        assertEquals(linked(
                "http://shop.test/c/tools/p/1.html", "product",
                "http://shop.test/c/tools/p/2.html", "product",
                "https://partner.test/p/3", "product",
                "http://shop.test/c/garden/", "product"), context.links());
    }

    @Test
    void stopsAtTheLimitCountingOnlyUsableLinks() {
        NodeContext context = context(LISTING);

        handler.handle(new ExtractLinksNode("a.product", "product", 2, null), context);

        assertEquals(linked(
                "http://shop.test/c/tools/p/1.html", "product",
                "http://shop.test/c/tools/p/2.html", "product"), context.links());
    }

    @Test
    void readsTheUrlFromTheConfiguredAttribute() {
        NodeContext context = context(LISTING);

        handler.handle(new ExtractLinksNode("a[data-url]", "product", null, "data-url"), context);

        assertEquals(linked("http://shop.test/p/5.html", "product"), context.links());
    }

    @Test
    void theFirstMarkerSeenForAUrlWins() {
        NodeContext context = context(LISTING);

        handler.handle(new ExtractLinksNode("a.cat", "listing", null, null), context);
        handler.handle(new ExtractLinksNode("a.product", "product", null, null), context);

        assertEquals(linked(
                "http://shop.test/c/garden/", "listing",
                "http://shop.test/c/kitchen", "listing",
                "http://shop.test/c/tools/p/1.html", "product",
                "http://shop.test/c/tools/p/2.html", "product",
                "https://partner.test/p/3", "product"), context.links());
    }

    @Test
    void resolvesAgainstThePageTheDocumentCameFrom() {
        NodeContext context = new NodeContext(task(), null, phase(),
                Jsoup.parse("<a href='next.html'>n</a>", "https://mirror.test/deep/dir/page"));

        handler.handle(new ExtractLinksNode("a", "m", null, null), context);

        assertEquals(linked("https://mirror.test/deep/dir/next.html", "m"), context.links());
    }

    /** The executors read only the document and the verbs; config is left out to keep the fixture small. */
    static NodeContext context(String html) {
        return new NodeContext(task(), null, phase(), Jsoup.parse(html, PAGE_URL));
    }

    static PageTask task() {
        return PageTask.of(UUID.randomUUID(), UUID.randomUUID(), 1, "crawl", "listing", PAGE_URL, 0, null, null);
    }

    static Phase phase() {
        return new Phase("listing", List.of(), Map.of("listing", "listing", "product", "detail"), null);
    }

    private static Map<String, String> linked(String... urlMarkerPairs) {
        Map<String, String> links = new LinkedHashMap<>();
        for (int i = 0; i < urlMarkerPairs.length; i += 2) {
            links.put(urlMarkerPairs[i], urlMarkerPairs[i + 1]);
        }
        return links;
    }
}
