package io.crawlify.model.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSONata over Jackson trees. Expressions are compiled once and cached; each evaluation gets its own frame (so
 * one compiled expression is safely shared by threads) bounded in time and depth, so a runaway expression fails
 * instead of holding a worker.
 */
public final class Expressions {

    /** Longest one evaluation may run. */
    public static final long EVALUATION_TIMEOUT_MS = 10_000;
    /** Deepest nesting of evaluation (recursive functions); deeper fails as a stack overflow. */
    public static final int MAX_DEPTH = 300;

    private static final int CACHE_LIMIT = 2_048;
    private static final Map<String, Jsonata> CACHE = new ConcurrentHashMap<>();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long MAX_EXACT_DOUBLE = 1L << 53;

    private Expressions() {
    }

    /** Checks the syntax of an expression; throws {@link ExpressionException} naming the position if it is bad. */
    public static void compile(String expression) {
        compiled(expression);
    }

    /** Evaluates {@code expression} with {@code context} as its input ({@code $}); undefined yields JSON null. */
    public static JsonNode evaluate(String expression, JsonNode context) {
        return toJson(evaluateRaw(expression, context));
    }

    /** Evaluates and casts the result to a boolean the way JSONata's {@code $boolean} does. */
    public static boolean test(String expression, JsonNode context) {
        return Jsonata.boolize(evaluateRaw(expression, context));
    }

    /** JSONata truthiness of a JSON value: empty strings, 0, empty arrays and objects, null and false are false. */
    public static boolean truthy(JsonNode value) {
        return value != null && Jsonata.boolize(toJava(value));
    }

    /**
     * Expression fields accept the bare expression or the same wrapped in one template ({@code "{{ a.b }}"}), which
     * authors write out of habit; this strips such a wrapper.
     */
    public static String unwrap(String expression) {
        if (expression == null) {
            return null;
        }
        List<Templates.Segment> segments = Templates.parse(expression);
        if (segments.size() == 1 && segments.get(0).isExpression()) {
            return segments.get(0).text();
        }
        return expression;
    }

    private static Object evaluateRaw(String expression, JsonNode context) {
        Jsonata compiled = compiled(expression);
        Jsonata.Frame frame = compiled.createFrame();
        frame.setRuntimeBounds(EVALUATION_TIMEOUT_MS, MAX_DEPTH);
        bindClock(frame, System.currentTimeMillis());
        try {
            return compiled.evaluate(toJava(context), frame);
        } catch (JException e) {
            throw new ExpressionException(expression, e.getLocation(), e.getError(), clean(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new ExpressionException(expression, -1, null, "stack overflow: non-terminating recursion?", null);
        } catch (RuntimeException e) {
            throw new ExpressionException(expression, -1, null, "evaluation failed: " + e, e);
        }
    }

    /**
     * {@code $now()} and {@code $millis()} as the time of this evaluation. The library reads them from its
     * per-thread state, which on a pooled thread still holds the time of the first expression evaluated there.
     */
    private static void bindClock(Jsonata.Frame frame, long millis) {
        frame.bind("millis", new Jsonata.JFunction((input, args) -> millis, "<:n>"));
        frame.bind("now", new Jsonata.JFunction((input, args) -> Functions.dateTimeFromMillis(millis,
                argument(args, 0), argument(args, 1)), "<s?s?:s>"));
    }

    private static String argument(List<?> args, int index) {
        return args != null && args.size() > index && args.get(index) instanceof String s ? s : null;
    }

    private static Jsonata compiled(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ExpressionException(String.valueOf(expression), -1, "expression is empty");
        }
        Jsonata cached = CACHE.get(expression);
        if (cached != null) {
            return cached;
        }
        Jsonata parsed;
        try {
            parsed = Jsonata.jsonata(expression);
        } catch (JException e) {
            throw new ExpressionException(expression, e.getLocation(), e.getError(), clean(e.getMessage()), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new ExpressionException(expression, -1, null, "cannot parse: " + e, null);
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            // Workflows use a bounded set of expressions; past the limit something generates them, so start over.
            CACHE.clear();
        }
        CACHE.put(expression, parsed);
        return parsed;
    }

    /** Int when it fits, as Jackson reads JSON, so rendered values compare equal to parsed ones. */
    private static JsonNode integral(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private static String clean(String message) {
        return message == null ? "invalid expression" : message.strip();
    }

    /** The Java form JSONata evaluates: maps, lists, strings, numbers, booleans, {@link Jsonata#NULL_VALUE}. */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    map.put(field.getKey(), toJavaMember(field.getValue()));
                }
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toJavaMember(element));
                }
                yield list;
            }
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> number(node);
            case BINARY -> node.asText();
            default -> null;
        };
    }

    /** Inside objects and arrays a JSON null is JSONata's null, not undefined. */
    private static Object toJavaMember(JsonNode node) {
        return node == null || node.isNull() ? Jsonata.NULL_VALUE : toJava(node);
    }

    private static Object number(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long value = node.longValue();
            return value == (int) value ? (Object) (int) value : (Object) value;
        }
        return node.doubleValue();
    }

    /** Converts a JSONata result back to JSON; functions and regexes, which JSON cannot hold, become null. */
    public static JsonNode toJson(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return integral(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            // JSONata numbers are doubles; integral results (2.0) read as integers, as they do in JavaScript.
            if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_DOUBLE) {
                return integral((long) d);
            }
            return NODES.numberNode(d);
        }
        if (value instanceof Character c) {
            return NODES.textNode(c.toString());
        }
        return NODES.nullNode();
    }
}
