package io.crawlify.orchestrator.step;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Sealed credentials and their redaction against the packaged orchestrator and worker (native under make native-test). */
@QuarkusIntegrationTest
class CredentialRedactionIT extends CredentialRedactionTest {
}
