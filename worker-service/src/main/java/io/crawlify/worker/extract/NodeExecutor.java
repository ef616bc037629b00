package io.crawlify.worker.extract;

import io.crawlify.model.crawl.NodeSpec;

/**
 * Runs one type of node against a page. Implementations are CDI beans found by {@link PhaseRunner}; adding a node
 * type means adding a spec record and one executor, no switch to edit.
 */
public interface NodeExecutor<N extends NodeSpec> {

    Class<N> handles();

    void execute(N node, NodeContext context);
}
