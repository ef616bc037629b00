package io.crawlify.worker.browser;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitForSelectorState;

import io.crawlify.model.crawl.WaitNode;
import io.crawlify.worker.phase.NodeContext;
import io.crawlify.worker.phase.NodeHandler;
import io.crawlify.worker.phase.Navigation;

/** Waits for a time, an element state or network idle. Over HTTP the document is final: nothing to wait for. */
@ApplicationScoped
public class WaitNodeHandler implements NodeHandler<WaitNode> {

    @Override
    public Class<WaitNode> handles() {
        return WaitNode.class;
    }

    @Override
    public void handle(WaitNode node, NodeContext context) {
        if (!context.inBrowser()) {
            return;
        }
        Page page = context.page();
        long timeout = Navigation.nodeTimeoutMs(node.timeoutMs());
        if (node.ms() != null) {
            page.waitForTimeout(node.ms());
        } else if (node.selector() != null) {
            page.waitForSelector(node.selector(), new Page.WaitForSelectorOptions().setTimeout(timeout)
                    .setState(WaitForSelectorState.valueOf(node.state().toUpperCase(Locale.ROOT))));
        } else {
            page.waitForLoadState(LoadState.NETWORKIDLE, new Page.WaitForLoadStateOptions().setTimeout(timeout));
        }
    }
}
