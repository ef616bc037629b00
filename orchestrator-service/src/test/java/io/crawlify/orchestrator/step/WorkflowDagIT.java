package io.crawlify.orchestrator.step;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** A crawl and API steps in one DAG against the packaged orchestrator and worker (native under make native-test). */
@QuarkusIntegrationTest
class WorkflowDagIT extends WorkflowDagTest {
}
