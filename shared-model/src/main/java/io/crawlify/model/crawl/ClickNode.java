package io.crawlify.model.crawl;

/**
 * Clicks the first element matching {@code selector}. {@code waitForNavigation}: the click loads a new document
 * and the node returns once it has loaded. {@code waitFor}: a selector to wait for after each click.
 * {@code repeat}: click up to that many times while the element is present, visible and enabled ("load more").
 * A missing target fails the task unless {@code optional}; inside a {@code repeat} node it ends the loop.
 */
public record ClickNode(String selector, Boolean waitForNavigation, String waitFor, Long timeoutMs, Integer repeat,
        Boolean optional) implements NodeSpec {

    public ClickNode {
        waitForNavigation = waitForNavigation != null && waitForNavigation;
        repeat = repeat == null ? 1 : repeat;
        optional = optional != null && optional;
    }
}
