package io.crawlify.worker.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.crawl.FieldSpec;

class FieldExtractorTest {

    private static final String PAGE_URL = "http://shop.test/products/widget.html";

    private static final Document PAGE = Jsoup.parse("""
            <html><head>
              <meta property="og:title" content="Blue Widget">
            </head><body>
            <div class="product" data-id="p-1">
              <h1 class="name">
                  Blue   Widget &amp; Co
              </h1>
              <span class="price">$9.99</span>
              <a class="reviews" href="../reviews/1.html">Reviews</a>
              <a class="home" href="https://other.test/">Home</a>
              <img class="photo" src="/img/widget.jpg">
              <div class="desc"><p>Great <b>widget</b></p></div>
              <ul class="tags"><li>blue</li><li> metal </li><li>sale</li></ul>
              <table class="attrs">
                <tr><th>Color</th><td>Blue</td></tr>
                <tr><th> Weight </th><td>2 kg</td></tr>
                <tr><th></th><td>no key, skipped</td></tr>
                <tr><th>Size</th></tr>
              </table>
              <div class="seller"><span class="who">ACME</span><a href="/sellers/acme">visit</a></div>
              <div class="variant"><span class="v">Small</span><span class="p">9.99</span></div>
              <div class="variant"><span class="v">Large</span><span class="p">12.99</span></div>
            </div>
            </body></html>
            """, PAGE_URL);

    @Test
    void readsTrimmedTextWithEntitiesDecoded() {
        assertExtracts("{\"name\": \"Blue Widget & Co\", \"price\": \"$9.99\"}",
                fields("name", text("h1.name"), "price", text("span.price")));
    }

    @Test
    void readsInnerHtml() {
        assertExtracts("{\"desc\": \"<p>Great <b>widget</b></p>\"}",
                fields("desc", new FieldSpec("div.desc", "html", null, null, null, null, null)));
    }

    @Test
    void resolvesUrlAttributesAndKeepsOthersRaw() {
        assertExtracts("""
                {"reviews": "http://shop.test/reviews/1.html", "home": "https://other.test/",
                 "photo": "http://shop.test/img/widget.jpg", "id": "p-1", "missingAttr": ""}
                """, fields(
                "reviews", attr("a.reviews", "href"),
                "home", attr("a.home", "href"),
                "photo", attr("img.photo", "src"),
                "id", attr("div.product", "data-id"),
                "missingAttr", attr("a.reviews", "title")));
    }

    /** Bug: {@code content} is in the URL attributes, so a meta tag's text comes back as a URL. */
    @Test
    void readsMetaContentAsText() {
        assertExtracts("{\"title\": \"Blue Widget\"}",
                fields("title", attr("meta[property=og:title]", "content")));
    }

    @Test
    void multipleGivesAnArrayInDocumentOrder() {
        assertExtracts("{\"tags\": [\"blue\", \"metal\", \"sale\"], \"none\": []}", fields(
                "tags", new FieldSpec("ul.tags li", null, true, null, null, null, null),
                "none", new FieldSpec("ul.colors li", null, true, null, null, null, null)));
    }

    @Test
    void keyValueRowsGiveAnObject() {
        assertExtracts("{\"attributes\": {\"Color\": \"Blue\", \"Weight\": \"2 kg\", \"Size\": null}}",
                fields("attributes", new FieldSpec("table.attrs tr", null, null, "th", "td", null, null)));
    }

    @Test
    void nestedFieldsGiveAnObject() {
        assertExtracts("{\"seller\": {\"name\": \"ACME\", \"url\": \"http://shop.test/sellers/acme\"}}",
                fields("seller", nested("div.seller", false,
                        fields("name", text("span.who"), "url", attr("a", "href")))));
    }

    @Test
    void nestedMultipleFieldsGiveAnArrayOfObjects() {
        assertExtracts("""
                {"variants": [{"name": "Small", "price": "9.99"}, {"name": "Large", "price": "12.99"}]}
                """, fields("variants", nested("div.variant", true, fields("name", text("span.v"), "price", text("span.p")))));
    }

    @Test
    void aFieldWithoutSelectorReadsTheScopeItself() {
        assertExtracts("{\"id\": \"p-1\"}", PAGE.selectFirst("div.product"), fields("id", attr(null, "data-id")));
    }

    @Test
    void nothingMatchedIsNull() {
        assertExtracts("{\"sku\": null, \"seller\": null, \"specs\": {}}", fields(
                "sku", text("span.sku"),
                "seller", nested("div.vendor", false, fields("name", text("span"))),
                "specs", new FieldSpec("table.specs tr", null, null, "th", "td", null, null)));
    }

    @Test
    void fieldsAreRelativeToTheScope() {
        assertExtracts("{\"name\": \"Large\"}", PAGE.select("div.variant").get(1), fields("name", text("span.v")));
    }

    @Test
    void reportsRequiredFieldsThatCameOutEmpty() {
        Map<String, FieldSpec> specs = fields(
                "name", required("h1.name"),
                "sku", required("span.sku"),
                "emptyAttr", new FieldSpec("a.reviews", "title", null, null, null, null, true),
                "noTags", new FieldSpec("ul.colors li", null, true, null, null, null, true),
                "noSpecs", new FieldSpec("table.specs tr", null, null, "th", "td", null, true),
                "optional", text("span.sku"));
        ObjectNode item = FieldExtractor.extract(PAGE, specs);

        assertEquals(List.of("sku", "emptyAttr", "noTags", "noSpecs"), FieldExtractor.missingRequired(item, specs));
    }

    private static void assertExtracts(String expectedJson, Map<String, FieldSpec> specs) {
        assertExtracts(expectedJson, PAGE, specs);
    }

    private static void assertExtracts(String expectedJson, org.jsoup.nodes.Element scope, Map<String, FieldSpec> specs) {
        assertEquals(json(expectedJson), FieldExtractor.extract(scope, specs));
    }

    static FieldSpec text(String selector) {
        return new FieldSpec(selector, null, null, null, null, null, null);
    }

    static FieldSpec required(String selector) {
        return new FieldSpec(selector, null, null, null, null, null, true);
    }

    static FieldSpec attr(String selector, String attr) {
        return new FieldSpec(selector, attr, null, null, null, null, null);
    }

    static FieldSpec nested(String selector, boolean multiple, Map<String, FieldSpec> fields) {
        return new FieldSpec(selector, null, multiple, null, null, fields, null);
    }

    /** Field specs in the order given, as the workflow JSON would bind them. */
    static Map<String, FieldSpec> fields(Object... nameSpecPairs) {
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameSpecPairs.length; i += 2) {
            fields.put((String) nameSpecPairs[i], (FieldSpec) nameSpecPairs[i + 1]);
        }
        return fields;
    }

    static JsonNode json(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("test fixture is not JSON: " + json, e);
        }
    }
}
