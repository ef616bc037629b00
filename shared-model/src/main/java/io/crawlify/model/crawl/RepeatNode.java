package io.crawlify.model.crawl;

import java.util.List;

/**
 * Runs its nodes again and again: until a click in it finds no present, visible and enabled target, a scroll in it
 * stops growing the page, or {@code maxIterations}. Client-side pagination is {@code repeat [extract, click next]}.
 */
public record RepeatNode(Integer maxIterations, List<NodeSpec> nodes) implements NodeSpec {

    public RepeatNode {
        maxIterations = maxIterations == null ? 100 : maxIterations;
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }
}
