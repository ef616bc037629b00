package io.crawlify.model.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {

    private static final URI BASE = URI.create("http://shop.test/a/b/page.html?sort=price");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://shop.test/p/1.html#reviews           | http://shop.test/p/1.html
            http://shop.test:80/p/1.html                | http://shop.test/p/1.html
            https://shop.test:443/p/1.html              | https://shop.test/p/1.html
            http://shop.test:443/p/1.html               | http://shop.test:443/p/1.html
            https://shop.test:8443/p/1.html             | https://shop.test:8443/p/1.html
            HTTP://Shop.TEST/P/1.html                   | http://shop.test/P/1.html
            http://shop.test                            | http://shop.test/
            http://shop.test?page=2                     | http://shop.test/?page=2
            http://shop.test/a/./b/../c                 | http://shop.test/a/c
            http://shop.test/list?b=2&a=1#top           | http://shop.test/list?b=2&a=1
            http://shop.test/search?q=a%20b             | http://shop.test/search?q=a%20b
            '  http://shop.test/x  '                    | http://shop.test/x
            http://shop.test/a b.html                   | http://shop.test/a%20b.html
            http://127.0.0.1:18080/index.html           | http://127.0.0.1:18080/index.html
            """)
    void normalizes(String url, String expected) {
        assertEquals(Optional.of(expected), UrlNormalizer.normalize(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://shop.test/file", "mailto:me@shop.test", "/relative/path", "not a url",
            "http://", "http:/x", "file:///etc/passwd"})
    void refusesWhatIsNotAnAbsoluteHttpUrl(String url) {
        assertEquals(Optional.empty(), UrlNormalizer.normalize(url));
    }

    @Test
    void normalizingIsIdempotent() {
        String once = UrlNormalizer.normalize("HTTPS://Shop.test:443/a/../b/./c?x=1#f").orElseThrow();

        assertEquals("https://shop.test/b/c?x=1", once);
        assertEquals(Optional.of(once), UrlNormalizer.normalize(once));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ../x.html                   | http://shop.test/a/x.html
            ./c.html                    | http://shop.test/a/b/c.html
            c.html#top                  | http://shop.test/a/b/c.html
            /abs                        | http://shop.test/abs
            //other.host/p              | http://other.host/p
            //Other.Host:80             | http://other.host/
            https://secure.test/x       | https://secure.test/x
            HTTP://SHOP.test:80/p/3.html| http://shop.test/p/3.html
            /a b/c d.html               | http://shop.test/a%20b/c%20d.html
            '  /trimmed.html  '         | http://shop.test/trimmed.html
            """)
    void resolvesAgainstTheBase(String href, String expected) {
        assertEquals(Optional.of(expected), UrlNormalizer.resolve(BASE, href));
    }

    /** Bug: java.net.URI follows RFC 2396 here; browsers (RFC 3986) keep the base's last segment. */
    @Test
    void resolvesAQueryOnlyHrefAgainstTheBasePage() {
        assertEquals(Optional.of("http://shop.test/a/b/page.html?q=1"), UrlNormalizer.resolve(BASE, "?q=1"));
    }

    /** Bug: java.net.URI keeps ".." segments that climb above the root; RFC 3986 and browsers drop them. */
    @Test
    void dropsDotSegmentsAboveTheRoot() {
        assertEquals(Optional.of("http://shop.test/x.html"), UrlNormalizer.resolve(BASE, "../../../x.html"));
        assertEquals(Optional.of("http://shop.test/x.html"), UrlNormalizer.normalize("http://shop.test/../x.html"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"#", "#frag", "  #frag", "mailto:sales@shop.test", "javascript:void(0)",
            "JavaScript:alert(1)", "tel:+15551234", "data:text/html,hi", "ftp://files.shop.test/catalog.pdf",
            "file:///etc/passwd", "   "})
    void refusesHrefsThatAreNotPages(String href) {
        assertEquals(Optional.empty(), UrlNormalizer.resolve(BASE, href));
    }

    @Test
    void namesTheHost() {
        assertEquals("shop.test", UrlNormalizer.host("http://shop.test:8080/x?y=1"));
        assertEquals("127.0.0.1", UrlNormalizer.host("http://127.0.0.1:18080/index.html"));
    }
}
