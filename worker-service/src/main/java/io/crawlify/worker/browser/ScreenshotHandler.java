package io.crawlify.worker.browser;

import jakarta.enterprise.context.ApplicationScoped;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ScreenshotType;

import io.crawlify.model.crawl.ScreenshotNode;
import io.crawlify.worker.phase.NodeContext;
import io.crawlify.worker.phase.NodeHandler;

/** Takes a PNG of the page or of one element and stores it as an artifact linked from the page's items. */
@ApplicationScoped
public class ScreenshotHandler implements NodeHandler<ScreenshotNode> {

    @Override
    public Class<ScreenshotNode> handles() {
        return ScreenshotNode.class;
    }

    @Override
    public void handle(ScreenshotNode node, NodeContext context) {
        Page page = context.page();
        byte[] png = node.selector() != null
                ? page.locator(node.selector()).first().screenshot(new Locator.ScreenshotOptions()
                        .setType(ScreenshotType.PNG))
                : page.screenshot(new Page.ScreenshotOptions().setType(ScreenshotType.PNG)
                        .setFullPage(node.fullPage()));
        context.addArtifact(node.field() + ".png", "image/png", png, node.field());
    }
}
