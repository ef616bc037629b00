package io.crawlify.model.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.crawlify.model.workflow.RetryPolicy.Strategy;

class RetryPolicyTest {

    @Test
    void fixedWaitsTheSameBeforeEveryRetry() {
        RetryPolicy policy = new RetryPolicy(Strategy.FIXED, 4, 200L, null, false);

        assertEquals(ms(200), policy.delayBefore(2));
        assertEquals(ms(200), policy.delayBefore(3));
        assertEquals(ms(200), policy.delayBefore(10));
        assertEquals(4, policy.attempts());
    }

    @Test
    void linearGrowsByTheInitialDelay() {
        RetryPolicy policy = new RetryPolicy(Strategy.LINEAR, 5, 200L, 700L, false);

        assertEquals(ms(200), policy.delayBefore(2));
        assertEquals(ms(400), policy.delayBefore(3));
        assertEquals(ms(600), policy.delayBefore(4));
        assertEquals(ms(700), policy.delayBefore(5));
    }

    @Test
    void exponentialDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(Strategy.EXPONENTIAL, 10, 500L, 3_000L, true);

        assertEquals(ms(500), policy.delayBefore(2));
        assertEquals(ms(1_000), policy.delayBefore(3));
        assertEquals(ms(2_000), policy.delayBefore(4));
        assertEquals(ms(3_000), policy.delayBefore(5));
        assertEquals(ms(3_000), policy.delayBefore(64));
    }

    @Test
    void theFirstAttemptIsTreatedAsTheFirstRetry() {
        RetryPolicy policy = new RetryPolicy(Strategy.EXPONENTIAL, 3, 500L, null, null);

        assertEquals(policy.delayBefore(2), policy.delayBefore(1));
    }

    @Test
    void noneTriesOnceAndNeverWaits() {
        RetryPolicy policy = new RetryPolicy(Strategy.NONE, 5, 500L, null, null);

        assertEquals(1, policy.attempts());
        assertEquals(Duration.ZERO, policy.delayBefore(2));
        assertEquals(1, new RetryPolicy(Strategy.NONE, null, null, null, null).maxAttempts());
    }

    @Test
    void attemptsAreAtLeastOne() {
        assertEquals(1, new RetryPolicy(Strategy.FIXED, 0, null, null, null).attempts());
        assertEquals(1, new RetryPolicy(Strategy.LINEAR, -3, null, null, null).attempts());
    }

    @Test
    void defaultsToExponentialThreeAttemptsWithJitter() {
        RetryPolicy policy = new RetryPolicy(null, null, null, null, null);

        assertEquals(RetryPolicy.DEFAULT, policy);
        assertEquals(Strategy.EXPONENTIAL, policy.strategy());
        assertEquals(3, policy.attempts());
        assertEquals(ms(500), policy.delayBefore(2));
        assertEquals(ms(10_000), policy.delayBefore(20));
        assertEquals(true, policy.jitter());
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
