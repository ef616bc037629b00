package io.crawlify.model.crawl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureThresholdTest {

    @Test
    void byDefaultFailsOnlyWhenNothingSucceeded() {
        FailureThreshold threshold = FailureThreshold.DEFAULT;

        assertTrue(threshold.crossedBy(0, 1));
        assertTrue(threshold.crossedBy(0, 500));
        assertFalse(threshold.crossedBy(1, 999));
        assertFalse(threshold.crossedBy(10, 0));
        assertFalse(threshold.crossedBy(0, 0));
    }

    @Test
    void maxFailedPagesAllowsUpToThatMany() {
        FailureThreshold threshold = new FailureThreshold(5L, null);

        assertFalse(threshold.crossedBy(100, 5));
        assertTrue(threshold.crossedBy(100, 6));
        assertTrue(threshold.crossedBy(0, 1));
    }

    @Test
    void zeroMaxFailedPagesToleratesNoFailure() {
        FailureThreshold threshold = new FailureThreshold(0L, null);

        assertFalse(threshold.crossedBy(100, 0));
        assertTrue(threshold.crossedBy(100, 1));
    }

    @Test
    void maxFailedRatioComparesFailuresToAllFinishedPages() {
        FailureThreshold threshold = new FailureThreshold(null, 0.25);

        assertFalse(threshold.crossedBy(75, 25));
        assertTrue(threshold.crossedBy(74, 26));
        assertFalse(threshold.crossedBy(3, 1));
        assertTrue(threshold.crossedBy(2, 1));
    }

    @Test
    void eitherLimitIsEnough() {
        FailureThreshold threshold = new FailureThreshold(10L, 0.5);

        assertTrue(threshold.crossedBy(1_000, 11));
        assertTrue(threshold.crossedBy(4, 6));
        assertFalse(threshold.crossedBy(1_000, 10));
    }
}
