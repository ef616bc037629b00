package io.crawlify.model.crawl;

/**
 * Evaluates a JavaScript expression (or function) in the page. Its JSON result becomes an item ({@code as: item},
 * an object), items ({@code items}, an array of objects) or links ({@code links}, an array of URLs tagged with
 * {@code marker}).
 */
public record ScriptNode(String expression, As as, String marker) implements NodeSpec {

    public enum As {
        @com.fasterxml.jackson.annotation.JsonProperty("item") ITEM,
        @com.fasterxml.jackson.annotation.JsonProperty("items") ITEMS,
        @com.fasterxml.jackson.annotation.JsonProperty("links") LINKS
    }

    public ScriptNode {
        as = as == null ? As.ITEM : as;
    }
}
