package io.crawlify.orchestrator.credential;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.credential.CredentialNames;
import io.crawlify.orchestrator.api.ApiException;

/**
 * A credential as written to the API: {@code name}, {@code type}, {@code description} and the write-only
 * {@code value}, a string or an object of string fields. Known types constrain the value's shape: {@code basic}
 * needs {@code username} and {@code password}, {@code bearer} a string or {@code token}, {@code header} an object
 * of header names to values. Other types (default {@code secret}) take any string or object of strings.
 */
record CredentialRequest(String name, String type, String description, JsonNode value) {

    static final String DEFAULT_TYPE = "secret";
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Set<String> PROPERTIES = Set.of("name", "type", "description", "value");
    private static final int MAX_DESCRIPTION = 1000;
    private static final int MAX_VALUE_CHARS = 64 * 1024;

    /** Reads a create ({@code name} required) or replace ({@code name} from the path) body. */
    static CredentialRequest parse(JsonNode body, String pathName, String currentType) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("$", "a credential must be a JSON object with 'name' and 'value'");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!PROPERTIES.contains(field)) {
                throw ApiException.badRequest(field, "unknown property '" + field + "' (known: name, type, description, value)");
            }
        }
        String name = text(body, "name");
        if (pathName != null) {
            if (name != null && !name.equals(pathName)) {
                throw ApiException.badRequest("name", "a credential cannot be renamed ('" + name + "' ≠ '" + pathName
                        + "'); create the new name and delete the old one");
            }
            name = pathName;
        }
        if (name == null) {
            throw ApiException.badRequest("name", "is required");
        }
        if (!CredentialNames.isValid(name)) {
            throw ApiException.badRequest("name", "must be " + CredentialNames.RULE);
        }
        String type = text(body, "type");
        type = type == null ? (currentType == null ? DEFAULT_TYPE : currentType) : type;
        if (!TYPE.matcher(type).matches()) {
            throw ApiException.badRequest("type", "must be 1-32 lowercase letters, digits or '_', starting with a letter");
        }
        String description = text(body, "description");
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ApiException.badRequest("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        JsonNode value = body.get("value");
        checkValue(type, value);
        return new CredentialRequest(name, type, description, value);
    }

    /** Names of the value's fields (an object's), empty for a string: the metadata the API may show. */
    List<String> fields() {
        List<String> fields = new ArrayList<>();
        if (value.isObject()) {
            value.fieldNames().forEachRemaining(fields::add);
        }
        return fields;
    }

    private static void checkValue(String type, JsonNode value) {
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("value", "is required (a string, or an object of string fields)");
        }
        if (value.isTextual()) {
            if (value.asText().isEmpty()) {
                throw ApiException.badRequest("value", "must not be empty");
            }
        } else if (value.isObject()) {
            if (value.isEmpty()) {
                throw ApiException.badRequest("value", "must have at least one field");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isTextual()) {
                    throw ApiException.badRequest("value." + field.getKey(), "must be a string");
                }
            }
        } else {
            throw ApiException.badRequest("value", "must be a string or an object of string fields");
        }
        if (value.toString().length() > MAX_VALUE_CHARS) {
            throw ApiException.badRequest("value", "must be at most " + MAX_VALUE_CHARS + " characters of JSON");
        }
        switch (type) {
            case "basic" -> requireFields(type, value, "username", "password");
            case "bearer" -> {
                if (!value.isTextual()) {
                    requireFields(type, value, "token");
                }
            }
            case "header" -> {
                if (!value.isObject()) {
                    throw ApiException.badRequest("value", "type 'header' needs an object of header names to values");
                }
            }
            default -> {
            }
        }
    }

    private static void requireFields(String type, JsonNode value, String... names) {
        if (!value.isObject()) {
            throw ApiException.badRequest("value", "type '" + type + "' needs an object with " + String.join(" and ", names));
        }
        for (String name : names) {
            if (!value.hasNonNull(name)) {
                throw ApiException.badRequest("value." + name, "is required for type '" + type + "'");
            }
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field, "must be a string");
        }
        return node.asText();
    }
}
