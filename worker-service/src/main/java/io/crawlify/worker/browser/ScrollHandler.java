package io.crawlify.worker.browser;

import jakarta.enterprise.context.ApplicationScoped;

import com.microsoft.playwright.Page;

import io.crawlify.model.crawl.ScrollNode;
import io.crawlify.worker.phase.NodeContext;
import io.crawlify.worker.phase.NodeHandler;

/**
 * Scrolls to the bottom until enough elements match, the page stops growing, or the scrolls run out. Inside a
 * repeat, a page that stopped growing ends the loop.
 */
@ApplicationScoped
public class ScrollHandler implements NodeHandler<ScrollNode> {

    private static final String TO_BOTTOM = "() => window.scrollTo(0, document.scrollingElement.scrollHeight)";

    @Override
    public Class<ScrollNode> handles() {
        return ScrollNode.class;
    }

    @Override
    public void handle(ScrollNode node, NodeContext context) {
        Page page = context.page();
        for (int i = 0; i < node.maxScrolls(); i++) {
            if (enough(page, node)) {
                return;
            }
            int mark = PageSettle.mark(page);
            page.evaluate(TO_BOTTOM);
            if (!PageSettle.changedSince(page, mark, node.waitMs())) {
                if (context.inRepeat()) {
                    context.endRepeat();
                }
                return; // the page stopped growing
            }
        }
    }

    private static boolean enough(Page page, ScrollNode node) {
        return node.untilCount() != null && page.locator(node.untilSelector()).count() >= node.untilCount();
    }
}
