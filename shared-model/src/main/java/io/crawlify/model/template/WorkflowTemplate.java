package io.crawlify.model.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.crawlify.model.validation.InvalidWorkflowException;
import io.crawlify.model.error.ValidationError;
import io.crawlify.model.validation.WorkflowParser;

/**
 * A workflow definition with {@code [[ name ]]} placeholders for its {@code parameters} (see {@link Placeholders}).
 * Instantiating it with parameter values gives an ordinary workflow definition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowTemplate(String name, String description, List<TemplateParameter> parameters,
        JsonNode definition) {

    private static final int MAX_NAME_LENGTH = 200;
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public WorkflowTemplate {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /**
     * Reads and checks a template: its parameters, that every placeholder names one of them, and that the
     * definition is a valid workflow once instantiated with the defaults. Problems located in a string that still
     * holds the placeholder of a required parameter are left for instantiation, when its value is known.
     * Paths are those of the request body ({@code definition.steps[0].config.url}).
     */
    public static WorkflowTemplate parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("$", "a template must be a JSON object");
        }
        WorkflowTemplate template = bind(body);
        List<ValidationError> errors = new ArrayList<>();
        template.checkShape(errors);
        if (errors.isEmpty()) {
            template.checkPlaceholders(errors);
        }
        if (errors.isEmpty()) {
            template.checkDefinition(errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidTemplateException(errors);
        }
        return template;
    }

    /** A template as stored (checked by {@link #parse} when it was written): its parameters as a JSON array. */
    public static WorkflowTemplate stored(String name, String description, JsonNode parameters, JsonNode definition) {
        try {
            return new WorkflowTemplate(name, description,
                    List.of(STRICT.treeToValue(parameters, TemplateParameter[].class)), definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored template parameters are unreadable", e);
        }
    }

    /**
     * The workflow definition for these parameter values (an object of name → JSON value, or null for none),
     * named {@code workflowName} when given, else as the definition names itself, else after the template.
     * Unknown, missing required and null required parameters are errors at {@code parameters.<name>}. The result
     * is not validated here: it goes to the workflow parser like any other definition.
     */
    public ObjectNode instantiate(String workflowName, JsonNode values) {
        if (values != null && !values.isNull() && !values.isObject()) {
            throw invalid("parameters", "must be an object of parameter name → value");
        }
        Map<String, JsonNode> given = new HashMap<>();
        if (values != null && values.isObject()) {
            values.properties().forEach(e -> given.put(e.getKey(), e.getValue()));
        }
        List<ValidationError> errors = new ArrayList<>();
        Set<String> declared = parameters.stream().map(TemplateParameter::name).collect(Collectors.toSet());
        given.keySet().stream().filter(n -> !declared.contains(n)).sorted().forEach(n -> errors.add(
                new ValidationError("parameters." + n, "unknown parameter (declared: " + declaredNames() + ")")));
        for (TemplateParameter p : parameters) {
            JsonNode value = given.get(p.name());
            if (p.required() && (value == null || value.isNull())) {
                errors.add(new ValidationError("parameters." + p.name(), "is required"
                        + (p.description() == null ? "" : " (" + p.description() + ")")));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidTemplateException(errors);
        }
        ObjectNode workflow = (ObjectNode) Placeholders.render(definition, "",
                name -> Optional.of(valueOf(name, given)), new ArrayList<>());
        name(workflow, workflowName);
        return workflow;
    }

    private JsonNode valueOf(String parameter, Map<String, JsonNode> given) {
        JsonNode value = given.get(parameter);
        if (value != null) {
            return value;
        }
        TemplateParameter declared = parameter(parameter);
        return declared != null && declared.defaultValue() != null ? declared.defaultValue() : NullNode.instance;
    }

    private TemplateParameter parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    private void name(ObjectNode workflow, String workflowName) {
        if (workflowName != null && !workflowName.isBlank()) {
            workflow.put("name", workflowName);
        } else if (!workflow.path("name").isTextual() || workflow.path("name").textValue().isBlank()) {
            workflow.set("name", TextNode.valueOf(name));
        }
    }

    private void checkShape(List<ValidationError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new ValidationError("name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new ValidationError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (definition == null || !definition.isObject()) {
            errors.add(new ValidationError("definition", "a workflow definition (JSON object) is required"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < parameters.size(); i++) {
            TemplateParameter p = parameters.get(i);
            String at = "parameters[" + i + "]";
            if (p == null) {
                errors.add(new ValidationError(at, "must be an object"));
            } else if (p.name() == null || !Placeholders.NAME.matcher(p.name()).matches()) {
                errors.add(new ValidationError(at + ".name",
                        "must be 1-64 letters, digits or '_', not starting with a digit"));
            } else if (!seen.add(p.name())) {
                errors.add(new ValidationError(at + ".name", "duplicate parameter '" + p.name() + "'"));
            } else if (p.required() && p.defaultValue() != null) {
                errors.add(new ValidationError(at + ".default", "a required parameter has no default"));
            }
        }
    }

    private void checkPlaceholders(List<ValidationError> errors) {
        Set<String> declared = parameters.stream().map(TemplateParameter::name).collect(Collectors.toSet());
        for (Placeholders.Found found : Placeholders.find(definition, "")) {
            String at = "definition" + (found.path().isEmpty() ? "" : "." + found.path());
            if (!Placeholders.NAME.matcher(found.name()).matches()) {
                errors.add(new ValidationError(at, "'[[ " + found.name() + " ]]' is not a parameter placeholder "
                        + "(a name of letters, digits or '_')"));
            } else if (!declared.contains(found.name())) {
                errors.add(new ValidationError(at, "unknown parameter '" + found.name() + "' (declared: "
                        + declaredNames() + ")"));
            }
        }
    }

    /** Instantiates with the defaults, required parameters left as placeholders, and validates the workflow. */
    private void checkDefinition(List<ValidationError> errors) {
        List<String> unresolved = new ArrayList<>();
        ObjectNode trial = (ObjectNode) Placeholders.render(definition, "", name -> {
            TemplateParameter p = parameter(name);
            if (p.required()) {
                return Optional.empty();
            }
            return Optional.of(p.defaultValue() != null ? p.defaultValue() : NullNode.instance);
        }, unresolved);
        name(trial, null);
        try {
            WorkflowParser.parse(trial);
        } catch (InvalidWorkflowException e) {
            e.errors().stream()
                    .filter(error -> unresolved.stream().noneMatch(path -> within(error.path(), path)))
                    .map(error -> new ValidationError("definition" + (error.path().equals("$") ? ""
                            : "." + error.path()), error.message()))
                    .forEach(errors::add);
        }
    }

    private static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }

    private String declaredNames() {
        return parameters.isEmpty() ? "none"
                : parameters.stream().map(TemplateParameter::name).collect(Collectors.joining(", "));
    }

    private static WorkflowTemplate bind(JsonNode body) {
        try {
            return STRICT.treeToValue(body, WorkflowTemplate.class);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            String message = e instanceof UnrecognizedPropertyException unknown
                    ? "unknown property '" + unknown.getPropertyName() + "'"
                    : "invalid value: " + e.getOriginalMessage().lines().findFirst().orElse("");
            throw invalid(path.isEmpty() ? "$" : path.toString(), message);
        } catch (JsonProcessingException e) {
            throw invalid("$", e.getOriginalMessage());
        }
    }

    private static InvalidTemplateException invalid(String path, String message) {
        return new InvalidTemplateException(List.of(new ValidationError(path, message)));
    }
}
