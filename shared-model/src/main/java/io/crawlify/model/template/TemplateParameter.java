package io.crawlify.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parameter of a {@link WorkflowTemplate}, referenced in its definition as {@code [[ name ]]}.
 *
 * @param required     the caller must give a (non-null) value
 * @param defaultValue the value when the caller gives none (any JSON; absent: null is used for an optional one)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateParameter(String name, String description, Boolean required,
        @JsonProperty("default") JsonNode defaultValue) {

    public TemplateParameter {
        required = required != null && required;
    }
}
