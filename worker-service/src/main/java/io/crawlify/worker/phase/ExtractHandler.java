package io.crawlify.worker.phase;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.nodes.Element;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.crawl.ExtractNode;

/** Emits one item per page, or one per element matching the node's {@code selector}. */
@ApplicationScoped
public class ExtractHandler implements NodeHandler<ExtractNode> {

    @Override
    public Class<ExtractNode> handles() {
        return ExtractNode.class;
    }

    @Override
    public void handle(ExtractNode node, NodeContext context) {
        if (node.selector() == null) {
            emit(context.document(), node, context);
            return;
        }
        for (Element scope : context.document().select(node.selector())) {
            emit(scope, node, context);
        }
    }

    private static void emit(Element scope, ExtractNode node, NodeContext context) {
        ObjectNode item = FieldExtractor.extract(scope, node.fields());
        var missing = FieldExtractor.missingRequired(item, node.fields());
        if (missing.isEmpty()) {
            context.emitItem(item);
        } else {
            context.warn("item dropped: required field(s) " + missing + " missing");
        }
    }
}
