package io.crawlify.model.validation;

import io.crawlify.model.error.Path;
import io.crawlify.model.error.ValidationError;
import io.crawlify.model.error.ConfigErrors;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.step.StepConfig;
import io.crawlify.model.trigger.TriggerSpec;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.step.StepTypes;
import io.crawlify.model.workflow.WorkflowDefinition;

/**
 * Turns a workflow's JSON into typed records, strictly: unknown properties and node types are errors, reported
 * with the path of the offending value. Semantic checks then run in {@link WorkflowValidator}.
 */
public final class WorkflowParser {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private WorkflowParser() {
    }

    /** Parses and validates; the returned definition is safe to store and run. */
    public static WorkflowDefinition parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidWorkflowException(List.of(new ValidationError("$", "a workflow must be a JSON object")));
        }
        WorkflowDefinition definition = bind(json, WorkflowDefinition.class, Path.ROOT);
        List<ValidationError> errors = new ArrayList<>();
        List<Object> configs = new ArrayList<>();
        for (int i = 0; i < definition.steps().size(); i++) {
            StepDefinition step = definition.steps().get(i);
            Path at = Path.ROOT.field("steps").index(i);
            if (step.type() == null || !StepTypes.isKnown(step.type())) {
                errors.add(new ValidationError(at.field("type").toString(), step.type() == null ? "is required"
                        : "unknown step type '" + step.type() + "' (known: " + String.join(", ", StepTypes.known()) + ")"));
                configs.add(null);
                continue;
            }
            configs.add(bindAndCheck(step.type(), step.config(), at.field("config"), errors));
        }
        WorkflowValidator.validate(definition, errors);
        StepWiringValidator.validate(definition, configs, errors);
        TriggerValidator.validate(definition.triggers(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidWorkflowException(errors);
        }
        return definition;
    }

    /**
     * Binds a step's config to its type's record and runs the type's own checks, adding problems to {@code errors}
     * under {@code at}. Returns the typed config, or null when it could not be bound.
     */
    static Object bindAndCheck(String type, JsonNode config, Path at, List<ValidationError> errors) {
        Class<?> configType = StepTypes.configType(type);
        if (configType == null) {
            errors.add(new ValidationError(at.toString(), "unknown step type '" + type + "'"));
            return null;
        }
        try {
            Object bound = bind(config == null || config.isNull() ? STRICT.createObjectNode() : config, configType, at);
            if (bound instanceof CrawlConfig crawl) {
                CrawlConfigValidator.validate(crawl, at, errors);
            } else if (bound instanceof StepConfig typed) {
                typed.validate(new ConfigErrors(at, errors, WorkflowParser::bindAndCheck));
            }
            return bound;
        } catch (InvalidWorkflowException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /**
     * Binds and checks a step config about to run (rendered: its templates replaced by values), so what a template
     * produced is held to the same rules as what was written. Paths start at {@code config}.
     *
     * @throws InvalidWorkflowException naming every problem
     */
    public static Object stepConfig(String type, JsonNode config) {
        List<ValidationError> errors = new ArrayList<>();
        Object bound = bindAndCheck(type, config, Path.ROOT.field("config"), errors);
        if (!errors.isEmpty()) {
            throw new InvalidWorkflowException(errors);
        }
        return bound;
    }

    /** Reads a definition that was validated when it was stored. */
    public static WorkflowDefinition readStored(String json) {
        try {
            return STRICT.readValue(json, WorkflowDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored workflow definition is unreadable", e);
        }
    }

    /** Binds a step's config to its type; for definitions that were validated when stored. */
    public static <T> T config(StepDefinition step, Class<T> type) {
        return bind(step.config(), type, Path.ROOT.field("config"));
    }


    private static <T> T bind(JsonNode json, Class<T> type, Path base) {
        try {
            return STRICT.treeToValue(json, type);
        } catch (JsonMappingException e) {
            String path = pathOf(base, e);
            throw new InvalidWorkflowException(List.of(new ValidationError(path, describe(path, e))));
        } catch (JsonProcessingException e) {
            throw new InvalidWorkflowException(List.of(new ValidationError(base.toString(), e.getOriginalMessage())));
        }
    }

    private static String pathOf(Path base, JsonMappingException e) {
        Path path = base;
        for (JsonMappingException.Reference ref : e.getPath()) {
            path = ref.getFieldName() != null ? path.field(ref.getFieldName()) : path.index(ref.getIndex());
        }
        if (e instanceof InvalidTypeIdException) {
            path = path.field("type");
        }
        return path.toString().isEmpty() ? "$" : path.toString();
    }

    private static String describe(String path, JsonMappingException e) {
        if (e instanceof InvalidTypeIdException typeId) {
            boolean trigger = path.startsWith("triggers[");
            return typeId.getTypeId() == null ? "type is required"
                    : trigger ? "unknown trigger type '" + typeId.getTypeId() + "' (known: "
                            + String.join(", ", TriggerSpec.TYPES) + ")"
                    : "unknown node type '" + typeId.getTypeId() + "'";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown property '" + unknown.getPropertyName() + "'";
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        return "invalid value: " + (cut > 0 ? message.substring(0, cut) : message);
    }
}
