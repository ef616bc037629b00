package io.crawlify.worker.phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.crawlify.model.crawl.FieldSpec;

/**
 * Evaluates field specs against an element. The same specs serve every renderer: they only see a DOM.
 */
public final class FieldExtractor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Attributes holding URLs: their values are resolved against the page URL. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "data-src", "poster",
            "cite", "data-href");

    private FieldExtractor() {
    }

    public static ObjectNode extract(Element scope, Map<String, FieldSpec> fields) {
        ObjectNode item = JSON.objectNode();
        for (Map.Entry<String, FieldSpec> field : fields.entrySet()) {
            item.set(field.getKey(), value(scope, field.getValue()));
        }
        return item;
    }

    /** Names of required fields that came out null or empty. */
    public static List<String> missingRequired(ObjectNode item, Map<String, FieldSpec> fields) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, FieldSpec> field : fields.entrySet()) {
            JsonNode value = item.get(field.getKey());
            boolean empty = value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())
                    || (value.isContainerNode() && value.isEmpty());
            if (field.getValue().required() && empty) {
                missing.add(field.getKey());
            }
        }
        return missing;
    }

    private static JsonNode value(Element scope, FieldSpec spec) {
        Elements matches = spec.selector() == null ? new Elements(scope) : scope.select(spec.selector());
        if (spec.key() != null) {
            return keyValues(matches, spec);
        }
        if (spec.fields() != null) {
            if (spec.multiple()) {
                ArrayNode list = JSON.arrayNode();
                matches.forEach(match -> list.add(extract(match, spec.fields())));
                return list;
            }
            return matches.isEmpty() ? NullNode.getInstance() : extract(matches.first(), spec.fields());
        }
        if (spec.multiple()) {
            ArrayNode list = JSON.arrayNode();
            matches.forEach(match -> list.add(read(match, spec.attr())));
            return list;
        }
        return matches.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(read(matches.first(), spec.attr()));
    }

    private static ObjectNode keyValues(Elements rows, FieldSpec spec) {
        ObjectNode object = JSON.objectNode();
        for (Element row : rows) {
            Element key = row.selectFirst(spec.key());
            Element value = row.selectFirst(spec.value());
            if (key != null && !key.text().isEmpty()) {
                object.put(key.text(), value == null ? null : read(value, spec.attr()));
            }
        }
        return object;
    }

    private static String read(Element element, String attr) {
        if (attr == null || attr.equals("text")) {
            return element.text();
        }
        if (attr.equals("html")) {
            return element.html();
        }
        if (URL_ATTRIBUTES.contains(attr) && element.hasAttr(attr)) {
            String absolute = element.absUrl(attr);
            return absolute.isEmpty() ? element.attr(attr) : absolute;
        }
        return element.attr(attr);
    }
}
