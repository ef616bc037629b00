package io.crawlify.worker.browser;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.crawl.ScriptNode;
import io.crawlify.model.url.UrlNormalizer;
import io.crawlify.worker.phase.NodeContext;
import io.crawlify.worker.phase.NodeHandler;
import io.crawlify.worker.phase.FetchException;

/** Evaluates JavaScript in the page; its JSON result becomes an item, items or links. */
@ApplicationScoped
public class ScriptHandler implements NodeHandler<ScriptNode> {

    private final ObjectMapper mapper;

    public ScriptHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Class<ScriptNode> handles() {
        return ScriptNode.class;
    }

    @Override
    public void handle(ScriptNode node, NodeContext context) {
        JsonNode result = mapper.valueToTree(context.page().evaluate(node.expression()));
        switch (node.as()) {
            case ITEM -> {
                if (result instanceof ObjectNode item) {
                    context.emitItem(item);
                } else if (result != null && !result.isNull()) {
                    throw mismatch(node, "an object", result);
                }
            }
            case ITEMS -> {
                if (result == null || !result.isArray()) {
                    throw mismatch(node, "an array of objects", result);
                }
                for (JsonNode element : result) {
                    if (element instanceof ObjectNode item) {
                        context.emitItem(item);
                    } else {
                        context.warn("script: skipped a non-object element of the result");
                    }
                }
            }
            case LINKS -> {
                if (result == null || !result.isArray()) {
                    throw mismatch(node, "an array of URLs", result);
                }
                URI base = URI.create(context.page().url());
                for (JsonNode element : result) {
                    if (element.isTextual()) {
                        UrlNormalizer.resolve(base, element.asText()).ifPresent(u -> context.emitLink(u, node.marker()));
                    }
                }
            }
        }
    }

    private static FetchException mismatch(ScriptNode node, String expected, JsonNode actual) {
        String type = actual == null ? "undefined" : actual.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return new FetchException("node_failed", "script (as " + node.as().name().toLowerCase(java.util.Locale.ROOT)
                + ") must return " + expected + ", got " + type, false);
    }
}
