package io.crawlify.model.crawl;

/** Loads the task's URL. Over HTTP it is the fetch; {@code waitUntil} matters to the browser renderer. */
public record NavigateNode(String waitUntil, Long timeoutMs) implements NodeSpec {
}
