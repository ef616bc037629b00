package io.crawlify.model.crawl;

import java.util.Map;

/**
 * How to read one field. {@code attr}: absent for trimmed text, {@code html} for inner HTML, else an attribute
 * (URL attributes resolved absolute). {@code multiple} gives a list. {@code key}/{@code value} turn matches into
 * an object. Nested {@code fields} give an object (or a list of objects with {@code multiple}).
 */
public record FieldSpec(String selector, String attr, Boolean multiple, String key, String value,
        Map<String, FieldSpec> fields, Boolean required) {

    public FieldSpec {
        multiple = multiple != null && multiple;
        required = required != null && required;
    }
}
