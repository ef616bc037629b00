package io.crawlify.model.crawl;

import java.util.List;
import java.util.Map;

/**
 * A pipeline of nodes run on one page. {@code transitions} route the marker of a discovered link to the
 * phase that will handle it; a marker without a transition is not followed.
 */
public record Phase(String id, List<NodeSpec> nodes, Map<String, String> transitions) {

    public Phase {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        transitions = transitions == null ? Map.of() : Map.copyOf(transitions);
    }
}
