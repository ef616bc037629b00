package io.crawlify.model.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code [[ name ]]} syntax of template parameters, in string values and object keys anywhere in a definition.
 * A string that is exactly one placeholder becomes the parameter's JSON value (numbers, booleans, arrays and
 * objects keep their type); a placeholder inside a longer string (or a key) is replaced by the value's text.
 * Runtime expressions ({@code {{ ... }}}) are other text and pass through untouched.
 */
final class Placeholders {

    /** Anything between double brackets is meant as a placeholder; its inside must then be a parameter name. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[\\[\\s*([^\\[\\]]*?)\\s*]]");
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** A placeholder found at a JSON path. */
    record Found(String path, String name) {
    }

    private Placeholders() {
    }

    /** Every placeholder of the tree, with the path of the string (or key) holding it. */
    static List<Found> find(JsonNode node, String path) {
        List<Found> found = new ArrayList<>();
        collect(node, path, found);
        return found;
    }

    private static void collect(JsonNode node, String path, List<Found> found) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = field(path, field.getKey());
                names(field.getKey()).forEach(name -> found.add(new Found(at, name)));
                collect(field.getValue(), at, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", found);
            }
        } else if (node.isTextual()) {
            names(node.textValue()).forEach(name -> found.add(new Found(path, name)));
        }
    }

    private static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * A copy of the tree with placeholders replaced. {@code values} answers empty for a parameter that has no value
     * yet: its placeholders stay as they are and their paths are added to {@code unresolved}.
     */
    static JsonNode render(JsonNode node, String path, Function<String, Optional<JsonNode>> values,
            List<String> unresolved) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = field(path, field.getKey());
                copy.set(interpolate(field.getKey(), at, values, unresolved),
                        render(field.getValue(), at, values, unresolved));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            for (int i = 0; i < node.size(); i++) {
                copy.add(render(node.get(i), path + "[" + i + "]", values, unresolved));
            }
            return copy;
        }
        if (node.isTextual()) {
            Matcher whole = PLACEHOLDER.matcher(node.textValue());
            if (whole.matches()) {
                Optional<JsonNode> value = values.apply(whole.group(1));
                if (value.isEmpty()) {
                    unresolved.add(path);
                    return node;
                }
                return value.get().deepCopy();
            }
            return JsonNodeFactory.instance.textNode(interpolate(node.textValue(), path, values, unresolved));
        }
        return node;
    }

    private static String interpolate(String text, String path, Function<String, Optional<JsonNode>> values,
            List<String> unresolved) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean pending = false;
        while (m.find()) {
            Optional<JsonNode> value = values.apply(m.group(1));
            if (value.isEmpty()) {
                pending = true;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.map(Placeholders::text).orElse(m.group())));
        }
        m.appendTail(out);
        if (pending) {
            unresolved.add(path);
        }
        return out.toString();
    }

    /** A value as text inside a string: strings as they are, other values as their JSON. */
    private static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
