package io.crawlify.orchestrator.step;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Circuit breakers (the Lua state machine in Redis) against the packaged orchestrator and worker (native under make native-test). */
@QuarkusIntegrationTest
class StepCircuitBreakerIT extends StepCircuitBreakerTest {
}
