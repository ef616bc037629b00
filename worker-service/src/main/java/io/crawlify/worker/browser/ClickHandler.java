package io.crawlify.worker.browser;

import jakarta.enterprise.context.ApplicationScoped;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.crawlify.model.crawl.ClickNode;
import io.crawlify.worker.phase.NodeContext;
import io.crawlify.worker.phase.NodeHandler;
import io.crawlify.worker.phase.FetchException;
import io.crawlify.worker.phase.Navigation;

/**
 * Clicks an element, up to {@code repeat} times while it stays present, visible and enabled. After a click that
 * navigates it waits for the new document; otherwise for the DOM to change and settle (a click that changes
 * nothing ends the repetition). Then for {@code waitFor}, when given.
 */
@ApplicationScoped
public class ClickHandler implements NodeHandler<ClickNode> {

    @Override
    public Class<ClickNode> handles() {
        return ClickNode.class;
    }

    @Override
    public void handle(ClickNode node, NodeContext context) {
        Page page = context.page();
        long timeout = Navigation.nodeTimeoutMs(node.timeoutMs());
        for (int i = 0; i < node.repeat(); i++) {
            Locator target = page.locator(node.selector()).first();
            if (!clickable(target)) {
                if (i > 0) {
                    return; // "load more" is gone or disabled: everything is loaded
                }
                if (context.inRepeat()) {
                    context.endRepeat();
                } else if (!node.optional()) {
                    throw new FetchException("node_failed", "click: no visible, enabled element matches '"
                            + node.selector() + "'", false);
                }
                return;
            }
            if (node.waitForNavigation()) {
                page.waitForNavigation(new Page.WaitForNavigationOptions().setTimeout(timeout),
                        () -> target.click(new Locator.ClickOptions().setTimeout(timeout)));
            } else {
                int mark = PageSettle.mark(page);
                target.click(new Locator.ClickOptions().setTimeout(timeout));
                if (!PageSettle.changedSince(page, mark, timeout)) {
                    context.warn("click on '" + node.selector() + "' changed nothing");
                    if (context.inRepeat()) {
                        context.endRepeat();
                    }
                    return;
                }
            }
            if (node.waitFor() != null) {
                page.waitForSelector(node.waitFor(), new Page.WaitForSelectorOptions().setTimeout(timeout));
            }
        }
    }

    private static boolean clickable(Locator target) {
        return target.count() > 0 && target.isVisible() && target.isEnabled();
    }
}
