package io.crawlify.model.crawl;

/**
 * Waits for a fixed time ({@code ms}), for an element ({@code selector} reaching {@code state}: visible by
 * default, attached, hidden or detached), or for the network to go idle. Exactly one of the three. Over HTTP
 * there is nothing to wait for and the node does nothing.
 */
public record WaitNode(Long ms, String selector, String state, Boolean networkIdle, Long timeoutMs)
        implements NodeSpec {

    public static final java.util.Set<String> STATES = java.util.Set.of("visible", "attached", "hidden", "detached");

    public WaitNode {
        state = state == null ? "visible" : state;
        networkIdle = networkIdle != null && networkIdle;
    }
}
