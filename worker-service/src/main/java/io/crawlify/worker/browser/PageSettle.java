package io.crawlify.worker.browser;

import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;

/**
 * Waits for a client-side update to finish: some DOM mutation after a mark, then a quiet spell. Used after clicks
 * that change the page in place (next page, load more) and after scrolling, where there is no navigation or load
 * event to wait for.
 */
final class PageSettle {

    private static final String MARK = """
            () => {
              if (!window.__crawlifyDom) {
                const state = { mutations: 0, last: Date.now() };
                new MutationObserver(() => { state.mutations++; state.last = Date.now(); })
                  .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
                window.__crawlifyDom = state;
              }
              return window.__crawlifyDom.mutations;
            }""";

    private static final String SETTLED = """
            ([mark, quietMs]) => {
              const state = window.__crawlifyDom;
              return !!state && state.mutations > mark && Date.now() - state.last >= quietMs;
            }""";

    private static final int QUIET_MS = 150;

    private PageSettle() {
    }

    /** Starts watching the DOM (idempotent per document) and returns the current mutation count. */
    static int mark(Page page) {
        return ((Number) page.evaluate(MARK)).intValue();
    }

    /** Whether the DOM changed after {@code mark} and then stayed quiet, within {@code timeoutMs}. */
    static boolean changedSince(Page page, int mark, long timeoutMs) {
        try {
            page.waitForFunction(SETTLED, List.of(mark, QUIET_MS),
                    new Page.WaitForFunctionOptions().setPollingInterval(50).setTimeout(timeoutMs));
            return true;
        } catch (TimeoutError e) {
            return false;
        }
    }
}
