package io.crawlify.worker.phase;

import io.crawlify.model.crawl.NodeSpec;

/**
 * Runs one type of node against a page. Implementations are CDI beans found by {@link PhaseRunner}; adding a node
 * type means adding a spec record and one handler, no switch to edit.
 */
public interface NodeHandler<N extends NodeSpec> {

    Class<N> handles();

    void handle(N node, NodeContext context);
}
