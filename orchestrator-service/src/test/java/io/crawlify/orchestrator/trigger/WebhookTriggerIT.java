package io.crawlify.orchestrator.trigger;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Signed webhook triggers against the packaged orchestrator (native under make native-test). */
@QuarkusIntegrationTest
class WebhookTriggerIT extends WebhookTriggerTest {
}
