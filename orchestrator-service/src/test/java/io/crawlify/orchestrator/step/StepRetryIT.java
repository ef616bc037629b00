package io.crawlify.orchestrator.step;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Retry policies against the packaged orchestrator and worker (native under make native-test): timers and attempts. */
@QuarkusIntegrationTest
class StepRetryIT extends StepRetryTest {
}
