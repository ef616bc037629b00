package io.crawlify.orchestrator.browser;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The browser suite (client-rendered pages, clicks, scrolling, logins, screenshots, hung and crashed pages, the
 * task and artifact API) against the packaged orchestrator and worker: both native executables under
 * make native-test.
 */
@QuarkusIntegrationTest
class BrowserCrawlIT extends BrowserCrawlTest {
}
