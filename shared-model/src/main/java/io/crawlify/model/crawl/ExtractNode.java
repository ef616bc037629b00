package io.crawlify.model.crawl;

import java.util.Map;

/**
 * Extracts an item from the page. With {@code selector}, one item per matching element, fields relative to it;
 * without, one item per page.
 */
public record ExtractNode(String selector, Map<String, FieldSpec> fields) implements NodeSpec {

    public ExtractNode {
        fields = fields == null ? Map.of() : fields;
    }
}
