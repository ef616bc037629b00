package io.crawlify.worker.browser;

import jakarta.enterprise.context.ApplicationScoped;

import com.microsoft.playwright.Locator;

import io.crawlify.model.crawl.TypeNode;
import io.crawlify.worker.phase.NodeContext;
import io.crawlify.worker.phase.NodeHandler;
import io.crawlify.worker.phase.Navigation;

/** Types text into a field: filled at once, or key by key with a delay; Enter optionally. */
@ApplicationScoped
public class TypeHandler implements NodeHandler<TypeNode> {

    @Override
    public Class<TypeNode> handles() {
        return TypeNode.class;
    }

    @Override
    public void handle(TypeNode node, NodeContext context) {
        long timeout = Navigation.nodeTimeoutMs(node.timeoutMs());
        Locator field = context.page().locator(node.selector()).first();
        if (node.delayMs() == 0 && node.clear()) {
            field.fill(node.text(), new Locator.FillOptions().setTimeout(timeout));
        } else {
            if (node.clear()) {
                field.fill("", new Locator.FillOptions().setTimeout(timeout));
            }
            field.pressSequentially(node.text(),
                    new Locator.PressSequentiallyOptions().setDelay(node.delayMs()).setTimeout(timeout));
        }
        if (node.pressEnter()) {
            field.press("Enter", new Locator.PressOptions().setTimeout(timeout));
        }
    }
}
