package io.crawlify.model.expression;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The document templates and expressions evaluate against:
 * <pre>{ input, steps: {&lt;id&gt;: {output}}, execution: {id, workflowId, workflowVersion, trigger},
 *   credentials: {&lt;name&gt;: value}, item, index }</pre>
 * {@code item} and {@code index} exist only for the nested step of a {@code for_each}.
 */
public final class ExpressionContext {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExpressionContext() {
    }

    public static ObjectNode of(JsonNode input, Map<String, JsonNode> stepOutputs, JsonNode execution,
            JsonNode credentials) {
        ObjectNode context = NODES.objectNode();
        context.set("input", input == null ? NODES.nullNode() : input);
        ObjectNode steps = context.putObject("steps");
        if (stepOutputs != null) {
            stepOutputs.forEach((id, output) -> steps.putObject(id).set("output",
                    output == null ? NODES.nullNode() : output));
        }
        context.set("execution", execution == null ? NODES.objectNode() : execution);
        context.set("credentials", credentials == null ? NODES.objectNode() : credentials);
        return context;
    }

    public static ObjectNode execution(String id, String workflowId, int workflowVersion, JsonNode trigger) {
        ObjectNode execution = NODES.objectNode();
        execution.put("id", id);
        execution.put("workflowId", workflowId);
        execution.put("workflowVersion", workflowVersion);
        execution.set("trigger", trigger == null ? NODES.nullNode() : trigger);
        return execution;
    }

    /** The context of one element of a {@code for_each}: the parent's, plus {@code item} and {@code index}. */
    public static ObjectNode withItem(JsonNode context, JsonNode item, int index) {
        // A shallow copy: the parent's members are shared, never mutated, so a large context costs nothing per item.
        ObjectNode scoped = NODES.objectNode();
        if (context != null && context.isObject()) {
            scoped.setAll((ObjectNode) context);
        }
        scoped.set("item", item == null ? NODES.nullNode() : item);
        scoped.put("index", index);
        return scoped;
    }
}
