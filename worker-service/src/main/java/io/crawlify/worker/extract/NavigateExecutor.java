package io.crawlify.worker.extract;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.crawl.NavigateNode;

/**
 * Over HTTP the page is fetched before the phase runs (the fetch is the navigation), so there is nothing left
 * to do here; the browser renderer gives this node its load/wait semantics.
 */
@ApplicationScoped
public class NavigateExecutor implements NodeExecutor<NavigateNode> {

    @Override
    public Class<NavigateNode> handles() {
        return NavigateNode.class;
    }

    @Override
    public void execute(NavigateNode node, NodeContext context) {
        // fetched already
    }
}
