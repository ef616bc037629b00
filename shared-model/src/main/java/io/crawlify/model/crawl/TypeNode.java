package io.crawlify.model.crawl;

/**
 * Types {@code text} into the element matching {@code selector}, after clearing it unless {@code clear} is false;
 * {@code delayMs} between keystrokes; {@code pressEnter} submits.
 */
public record TypeNode(String selector, String text, Boolean clear, Long delayMs, Boolean pressEnter,
        Long timeoutMs) implements NodeSpec {

    public TypeNode {
        clear = clear == null || clear;
        delayMs = delayMs == null ? 0L : delayMs;
        pressEnter = pressEnter != null && pressEnter;
    }

    /** The text never appears in logs or errors: it may be a password. */
    @Override
    public String toString() {
        return "TypeNode[selector=" + selector + ", text=***]";
    }
}
