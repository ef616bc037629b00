package io.crawlify.model.step;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.expression.ExpressionException;
import io.crawlify.model.expression.Templates;

/**
 * The step types this version runs, as data: each type's config record and how its config is read. Adding a type
 * means a config record, an entry here and an executor on the worker; nothing switches on type names.
 */
public final class StepTypes {

    public static final String CRAWL = "crawl";
    public static final String HTTP_REQUEST = "http_request";
    public static final String WEBHOOK_CALL = "webhook_call";
    public static final String TRANSFORM = "transform";
    public static final String CONDITION = "condition";
    public static final String FOR_EACH = "for_each";
    public static final String WAIT = "wait";
    public static final String VALIDATE = "validate";
    public static final String COMMAND = "command";

    /** One attempt of a step runs at most a day. */
    public static final long MAX_TIMEOUT_MS = 86_400_000L;

    /**
     * How a step type is configured.
     *
     * @param configType       the record its config binds to
     * @param expressionFields top-level config fields that hold a JSONata expression: compiled when the workflow
     *                         is written and evaluated by the executor, never rendered as templates
     * @param literalFields    top-level config fields taken as written: an inline schema, a nested step (rendered
     *                         per run with its own type's rules)
     * @param templated        whether the config's other strings are {@code {{ }}} templates
     * @param defaultTimeout   bound of one attempt when the step sets no {@code timeoutMs} (null: not a single
     *                         attempt, e.g. a crawl's pages have their own)
     * @param nestable         whether a {@code for_each} may run it
     */
    public record StepType(String name, Class<?> configType, Set<String> expressionFields,
            Set<String> literalFields, boolean templated, Duration defaultTimeout, boolean nestable) {

        /**
         * This type's config with its templates rendered against {@code context}; expression and literal fields
         * are kept as written (the executor evaluates them).
         *
         * @throws ExpressionException naming the field ({@code config.headers.X: ...}) when a template fails
         */
        public JsonNode render(JsonNode config, JsonNode context) {
            if (!templated || config == null || !config.isObject()) {
                return config;
            }
            ObjectNode rendered = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                boolean kept = expressionFields.contains(name) || literalFields.contains(name);
                rendered.set(name, kept ? field.getValue() : render(field.getValue(), context, "config." + name));
            }
            return rendered;
        }

        private static JsonNode render(JsonNode value, JsonNode context, String path) {
            if (value.isObject()) {
                ObjectNode rendered = JsonNodeFactory.instance.objectNode();
                value.fields().forEachRemaining(f -> rendered.set(f.getKey(),
                        render(f.getValue(), context, path + "." + f.getKey())));
                return rendered;
            }
            if (value.isArray()) {
                ArrayNode rendered = JsonNodeFactory.instance.arrayNode(value.size());
                for (int i = 0; i < value.size(); i++) {
                    rendered.add(render(value.get(i), context, path + "[" + i + "]"));
                }
                return rendered;
            }
            if (!value.isTextual()) {
                return value;
            }
            try {
                return Templates.render(value.textValue(), context);
            } catch (ExpressionException e) {
                throw new ExpressionException(e.expression(), e.position(), e.code(), path + ": " + e.reason(),
                        e.getCause());
            }
        }
    }

    private static final Map<String, StepType> TYPES = index(
            new StepType(CRAWL, CrawlConfig.class, Set.of(), Set.of(), false, null, false),
            new StepType(HTTP_REQUEST, HttpRequestConfig.class, Set.of(), Set.of(), true, Duration.ofSeconds(60), true),
            new StepType(WEBHOOK_CALL, WebhookCallConfig.class, Set.of(), Set.of(), true, Duration.ofSeconds(30), true),
            new StepType(TRANSFORM, TransformConfig.class, Set.of("expression"), Set.of(), true,
                    Duration.ofSeconds(30), true),
            new StepType(CONDITION, ConditionConfig.class, Set.of("expression"), Set.of(), true,
                    Duration.ofSeconds(30), true),
            new StepType(FOR_EACH, ForEachConfig.class, Set.of("items"), Set.of("step"), true, Duration.ofHours(1),
                    false),
            new StepType(WAIT, WaitConfig.class, Set.of(), Set.of(), true, Duration.ofMinutes(15), true),
            new StepType(VALIDATE, ValidateConfig.class, Set.of("value"), Set.of("schema"), true,
                    Duration.ofSeconds(30), true),
            new StepType(COMMAND, CommandConfig.class, Set.of(), Set.of(), true, Duration.ofMinutes(10), true));

    private StepTypes() {
    }

    private static Map<String, StepType> index(StepType... types) {
        Map<String, StepType> byName = new LinkedHashMap<>();
        for (StepType type : types) {
            byName.put(type.name(), type);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    public static boolean isKnown(String type) {
        return TYPES.containsKey(type);
    }

    /** The type's description, or null for an unknown name. */
    public static StepType type(String type) {
        return type == null ? null : TYPES.get(type);
    }

    public static Class<?> configType(String type) {
        StepType known = type(type);
        return known == null ? null : known.configType();
    }

    public static Set<String> known() {
        return TYPES.keySet();
    }

    public static boolean nestable(String type) {
        StepType known = type(type);
        return known != null && known.nestable();
    }

    public static List<String> nestableNames() {
        return TYPES.values().stream().filter(StepType::nestable).map(StepType::name).toList();
    }
}
