package io.crawlify.orchestrator.workflow;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The workflow API suite against the packaged orchestrator (its native executable under make native-test). */
@QuarkusIntegrationTest
class WorkflowApiIT extends WorkflowApiTest {
}
