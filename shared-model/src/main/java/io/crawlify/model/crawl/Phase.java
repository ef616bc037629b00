package io.crawlify.model.crawl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pipeline of nodes run on one page. {@code transitions} route the marker of a discovered link to the
 * phase that will handle it; a marker without a transition is not followed. {@code requiredSelectors} matter to
 * the {@code auto} renderer: a page whose HTTP document lacks any of them is rendered in the browser.
 */
public record Phase(String id, List<NodeSpec> nodes, Map<String, String> transitions,
        List<String> requiredSelectors) {

    public Phase {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        transitions = transitions == null ? Map.of() : Map.copyOf(transitions);
    }

    /** Whether any node (at any depth) needs a live page. */
    public boolean needsBrowser() {
        return anyBrowserOnly(nodes);
    }

    private static boolean anyBrowserOnly(List<NodeSpec> nodes) {
        for (NodeSpec node : nodes) {
            if (node.browserOnly() || node instanceof RepeatNode r && anyBrowserOnly(r.nodes())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The selectors an HTTP document must match for {@code auto} to keep it: the explicit list, else each extract
     * node's item selector, else its required fields' selectors.
     */
    public List<String> effectiveRequiredSelectors() {
        if (requiredSelectors != null) {
            return requiredSelectors;
        }
        List<String> selectors = new ArrayList<>();
        for (NodeSpec node : nodes) {
            if (node instanceof ExtractNode extract) {
                if (extract.selector() != null) {
                    selectors.add(extract.selector());
                } else {
                    extract.fields().values().stream()
                            .filter(f -> f != null && f.required() && f.selector() != null)
                            .forEach(f -> selectors.add(f.selector()));
                }
            }
        }
        return selectors;
    }

    /** The first navigate node without a URL, whose options govern the initial load; null when there is none. */
    public NavigateNode initialNavigation() {
        for (NodeSpec node : nodes) {
            if (node instanceof NavigateNode navigate && navigate.url() == null) {
                return navigate;
            }
        }
        return null;
    }
}
