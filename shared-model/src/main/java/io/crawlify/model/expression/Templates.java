package io.crawlify.model.expression;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code {{ expression }}} templates in config strings. A string that is exactly one template yields the
 * expression's JSON value with its type (number, object, array...); any other string with templates is
 * interpolated: null becomes "", strings are inserted as they are, other values as JSON text. Strings without
 * {@code {{} are left alone. Object keys are never rendered.
 */
public final class Templates {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * {@code steps.x}, {@code steps.`x-y`}, {@code $$.steps.x} and {@code $lookup(steps, "x")}; a {@code steps}
     * further down a path ({@code input.steps.x}) is someone's data, not a step.
     */
    private static final Pattern STEP_REF = reference("steps");
    private static final Pattern STEP_LOOKUP = lookup("steps");
    private static final Pattern CREDENTIAL_REF = reference("credentials");
    private static final Pattern CREDENTIAL_LOOKUP = lookup("credentials");
    private static final Pattern CREDENTIAL_INDEX = Pattern.compile(
            "(?:(?<![\\w$.`])|(?<=\\$\\$\\.))credentials\\s*\\[\\s*[\"']([^\"']+)[\"']\\s*]");

    private Templates() {
    }

    /** One piece of a template string: literal text, or an expression with its offset in the whole string. */
    public record Segment(String text, boolean isExpression, int offset) {
    }

    public static boolean isTemplated(String text) {
        return text != null && text.contains("{{");
    }

    /**
     * Splits a string into literal text and {@code {{ }}} expressions. The closing {@code }}} is found with
     * JSONata's braces and string literals in mind, so {@code {{ {"a": {"b": 1}} }}} is one template.
     *
     * @throws ExpressionException for a {@code {{} without its {@code }}} or with nothing inside
     */
    public static List<Segment> parse(String text) {
        List<Segment> segments = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                if (from < text.length()) {
                    segments.add(new Segment(text.substring(from), false, from));
                }
                return segments;
            }
            if (open > from) {
                segments.add(new Segment(text.substring(from, open), false, from));
            }
            int close = closing(text, open + 2);
            if (close < 0) {
                throw new ExpressionException(text, open, "'{{' without a closing '}}'");
            }
            String expression = text.substring(open + 2, close);
            if (expression.isBlank()) {
                throw new ExpressionException(text, open, "empty template '{{ }}'");
            }
            segments.add(new Segment(expression, true, open + 2));
            from = close + 2;
        }
    }

    private static int closing(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0 && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                    return i;
                }
                depth = Math.max(0, depth - 1);
            }
        }
        return -1;
    }

    /** The expressions of a template string, in order. */
    public static List<String> expressions(String text) {
        return parse(text).stream().filter(Segment::isExpression).map(Segment::text).toList();
    }

    /** Checks that every template of {@code text} compiles; the exception's position is in {@code text}. */
    public static void compile(String text) {
        for (Segment segment : parse(text)) {
            if (segment.isExpression()) {
                try {
                    Expressions.compile(segment.text());
                } catch (ExpressionException e) {
                    throw e.shifted(text, segment.offset());
                }
            }
        }
    }

    /** Renders every string of a JSON value (objects and arrays recursively) against {@code context}. */
    public static JsonNode render(JsonNode value, JsonNode context) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return render(value.textValue(), context);
        }
        if (value.isObject()) {
            ObjectNode rendered = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                rendered.set(field.getKey(), render(field.getValue(), context));
            }
            return rendered;
        }
        if (value.isArray()) {
            ArrayNode rendered = NODES.arrayNode(value.size());
            value.forEach(element -> rendered.add(render(element, context)));
            return rendered;
        }
        return value;
    }

    /** Renders one string: a lone template keeps its value's type, anything else is interpolated text. */
    public static JsonNode render(String text, JsonNode context) {
        if (!isTemplated(text)) {
            return NODES.textNode(text);
        }
        List<Segment> segments = parse(text);
        if (segments.size() == 1 && segments.get(0).isExpression()) {
            return evaluate(text, segments.get(0), context);
        }
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            out.append(segment.isExpression() ? interpolated(evaluate(text, segment, context)) : segment.text());
        }
        return NODES.textNode(out.toString());
    }

    /** Renders one string as text (a lone template's value is interpolated too). */
    public static String renderText(String text, JsonNode context) {
        return interpolated(render(text, context));
    }

    private static JsonNode evaluate(String text, Segment segment, JsonNode context) {
        try {
            return Expressions.evaluate(segment.text(), context);
        } catch (ExpressionException e) {
            throw e.shifted(text, segment.offset());
        }
    }

    private static String interpolated(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /**
     * Names of the credentials a step's config may read: {@code credentials.name}, {@code credentials.`name`},
     * {@code credentials["name"]} and {@code $lookup(credentials, "name")} in any string (templates and
     * expression fields alike), and every {@code auth.credential}. A name computed at run time cannot be seen.
     */
    public static Set<String> credentialNames(JsonNode config) {
        Set<String> names = new LinkedHashSet<>();
        collectCredentials(config, names);
        return names;
    }

    private static void collectCredentials(JsonNode node, Set<String> names) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.contains("credentials")) {
                names.addAll(matches(CREDENTIAL_LOOKUP, text));
                names.addAll(matches(CREDENTIAL_INDEX, text));
                names.addAll(matches(CREDENTIAL_REF, withoutStringLiterals(text)));
            }
            return;
        }
        if (node.isObject()) {
            JsonNode auth = node.get("auth");
            if (auth != null && auth.isObject() && auth.path("credential").isTextual()) {
                names.add(auth.get("credential").textValue());
            }
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collectCredentials(child, names));
        }
    }

    /** Ids of the steps whose output an expression reads ({@code steps.x...}), as far as its text shows. */
    public static Set<String> stepReferences(String expression) {
        Set<String> ids = new LinkedHashSet<>();
        if (expression != null && expression.contains("steps")) {
            ids.addAll(matches(STEP_LOOKUP, expression));
            ids.addAll(matches(STEP_REF, withoutStringLiterals(expression)));
        }
        return ids;
    }

    private static Pattern reference(String root) {
        return Pattern.compile("(?:(?<![\\w$.`])|(?<=\\$\\$\\.))" + root
                + "\\s*\\.\\s*(?:`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*))");
    }

    private static Pattern lookup(String root) {
        return Pattern.compile("\\$lookup\\(\\s*(?:\\$\\$\\s*\\.\\s*)?" + root + "\\s*,\\s*[\"']([^\"']+)[\"']\\s*\\)");
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return found;
    }

    /** Blanks the inside of "..." and '...' so quoted prose is not mistaken for a path. */
    private static String withoutStringLiterals(String text) {
        StringBuilder out = new StringBuilder(text.length());
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < text.length()) {
                    out.append("  ");
                    i++;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                    out.append(c);
                } else {
                    out.append(' ');
                }
            } else {
                if (c == '"' || c == '\'') {
                    quote = c;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
