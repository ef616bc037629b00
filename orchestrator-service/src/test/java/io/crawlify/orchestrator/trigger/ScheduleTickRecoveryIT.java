package io.crawlify.orchestrator.trigger;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Late start of schedule ticks left unstarted, against the packaged orchestrator (native under make native-test). */
@QuarkusIntegrationTest
class ScheduleTickRecoveryIT extends ScheduleTickRecoveryTest {
}
