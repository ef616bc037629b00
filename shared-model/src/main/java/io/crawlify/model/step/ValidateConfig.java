package io.crawlify.model.step;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.error.ConfigErrors;

/**
 * A {@code validate} step: checks the value of {@code value} (an expression, by default {@code input}) against
 * the inline JSON Schema {@code schema} (draft 2020-12 unless its {@code $schema} names another draft). A value
 * that does not conform fails the step, naming every violated path.
 */
public record ValidateConfig(JsonNode schema, String value) implements StepConfig {

    public ValidateConfig {
        value = value == null ? "input" : value;
    }

    @Override
    public void validate(ConfigErrors errors) {
        errors.field("value").required(value);
        if (schema == null || schema.isNull() || schema.isMissingNode()) {
            errors.field("schema").add("is required: an inline JSON Schema object");
            return;
        }
        if (!schema.isObject() && !schema.isBoolean()) {
            errors.field("schema").add("must be a JSON Schema object (or true/false)");
            return;
        }
        for (JsonSchemas.Violation problem : JsonSchemas.schemaProblems(schema)) {
            errors.field("schema").within(problem.path()).add(problem.message());
        }
    }
}
