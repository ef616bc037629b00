package io.crawlify.worker.phase;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

import io.crawlify.model.crawl.NavigateNode;

/**
 * The task's URL is loaded before the phase runs (over HTTP the fetch is the navigation; in the browser the
 * renderer loads it with the first navigate node's options). A navigate node with a {@code url} loads that URL in
 * the browser when it is reached.
 */
@ApplicationScoped
public class NavigateHandler implements NodeHandler<NavigateNode> {

    @Override
    public Class<NavigateNode> handles() {
        return NavigateNode.class;
    }

    @Override
    public void handle(NavigateNode node, NodeContext context) {
        if (node.url() == null || !context.inBrowser()) {
            return;
        }
        Page page = context.page();
        String target = URI.create(page.url()).resolve(node.url().strip()).toString();
        Response response = page.navigate(target, Navigation.options(node, context.config()));
        if (response != null && response.status() >= 400) {
            throw FetchException.forStatus(response.status(), target);
        }
        context.pageChanged();
    }
}
