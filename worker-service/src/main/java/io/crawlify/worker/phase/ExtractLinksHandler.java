package io.crawlify.worker.phase;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.nodes.Element;

import io.crawlify.model.crawl.ExtractLinksNode;
import io.crawlify.model.url.UrlNormalizer;

/** Emits the URLs of matching elements with the node's marker, resolved and normalised, up to {@code limit}. */
@ApplicationScoped
public class ExtractLinksHandler implements NodeHandler<ExtractLinksNode> {

    @Override
    public Class<ExtractLinksNode> handles() {
        return ExtractLinksNode.class;
    }

    @Override
    public void handle(ExtractLinksNode node, NodeContext context) {
        URI base = URI.create(context.document().location());
        int limit = node.limit() == null ? Integer.MAX_VALUE : node.limit();
        // The limit counts distinct URLs: a product card linking twice (image and title) is one link.
        Set<String> emitted = new HashSet<>();
        for (Element element : context.document().select(node.selector())) {
            if (emitted.size() >= limit) {
                break;
            }
            var url = UrlNormalizer.resolve(base, element.attr(node.attr()));
            if (url.isPresent() && emitted.add(url.get())) {
                context.emitLink(url.get(), node.marker());
            }
        }
    }
}
