package io.crawlify.orchestrator.execution;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The execution API end to end (start, live stats, items as JSON, NDJSON and CSV, task records) against the
 * packaged orchestrator and worker: both native executables under make native-test.
 */
@QuarkusIntegrationTest
class ShopCrawlIT extends ShopCrawlTest {
}
