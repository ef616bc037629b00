package io.crawlify.model.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

/**
 * Inline JSON Schemas of {@code validate} steps: checked against their meta-schema when a workflow is written,
 * applied to values by workers. Draft 2020-12 unless a schema's {@code $schema} names another draft. Nothing is
 * fetched over the network: a {@code $ref} can point inside the schema or at the bundled meta-schemas only.
 */
public final class JsonSchemas {

    public static final String DEFAULT_DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** One place where a value breaks a schema: {@code $.orders[0].qty} and why. */
    public record Violation(String path, String message) {
    }

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final int CACHE_LIMIT = 512;
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();
    /** Workers check a rendered config before each run: the meta-validation of a schema is done once. */
    private static final Map<String, List<Violation>> PROBLEMS = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /** What is wrong with a schema itself (empty when it is a valid schema of its dialect). */
    public static List<Violation> schemaProblems(JsonNode schema) {
        String key = schema.toString();
        List<Violation> known = PROBLEMS.get(key);
        if (known != null) {
            return known;
        }
        List<Violation> problems = List.copyOf(checkSchema(schema));
        if (PROBLEMS.size() >= CACHE_LIMIT) {
            PROBLEMS.clear();
        }
        PROBLEMS.put(key, problems);
        return problems;
    }

    private static List<Violation> checkSchema(JsonNode schema) {
        String dialect = schema.isObject() && schema.path("$schema").isTextual() ? schema.get("$schema").textValue()
                : DEFAULT_DIALECT;
        Schema meta;
        try {
            meta = REGISTRY.getSchema(SchemaLocation.of(dialect));
            meta.initializeValidators();
        } catch (RuntimeException e) {
            return List.of(new Violation("$.$schema", "unknown or unavailable dialect '" + dialect + "'"));
        }
        List<Violation> problems = violations(meta.validate(schema));
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            compile(schema);
        } catch (RuntimeException e) {
            return List.of(new Violation("$", "invalid schema: " + e.getMessage()));
        }
        return List.of();
    }

    /** Where {@code value} breaks {@code schema}; empty when it conforms. */
    public static List<Violation> validate(JsonNode schema, JsonNode value) {
        return violations(compile(schema).validate(value));
    }

    /** A compiled schema, cached by its text. @throws RuntimeException for a schema that cannot be compiled */
    public static Schema compile(JsonNode schema) {
        String key = schema.toString();
        Schema cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Schema compiled = REGISTRY.getSchema(schema);
        compiled.initializeValidators();
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(key, compiled);
        return compiled;
    }

    private static List<Violation> violations(List<Error> errors) {
        List<Violation> out = new ArrayList<>(errors.size());
        for (Error error : errors) {
            out.add(new Violation(path(error.getInstanceLocation()), message(error)));
        }
        return out;
    }

    /** The message without the location prefix some messages carry (the path is given separately). */
    private static String message(Error error) {
        String message = error.getMessage();
        return message == null ? error.getKeyword() + " failed" : message;
    }

    /** {@code $}, {@code $.a.b[2]}, {@code $['odd key']}: the notation users read in error lists. */
    static String path(NodePath location) {
        StringBuilder out = new StringBuilder("$");
        if (location == null) {
            return out.toString();
        }
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                String name = String.valueOf(element);
                if (IDENTIFIER.matcher(name).matches()) {
                    out.append('.').append(name);
                } else {
                    out.append("['").append(name.replace("'", "\\'")).append("']");
                }
            }
        }
        return out.toString();
    }
}
