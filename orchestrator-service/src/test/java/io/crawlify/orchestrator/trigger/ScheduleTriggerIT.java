package io.crawlify.orchestrator.trigger;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Cron triggers (quarkus-scheduler, claimed once per tick) with two packaged orchestrators: both native under make native-test. */
@QuarkusIntegrationTest
class ScheduleTriggerIT extends ScheduleTriggerTest {
}
