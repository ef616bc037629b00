package io.crawlify.orchestrator.step;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Every step type against the packaged orchestrator and worker: both native executables under make native-test (JSONata, JSON Schema, Jackson messages, shell commands). */
@QuarkusIntegrationTest
class StepTypesIT extends StepTypesTest {
}
