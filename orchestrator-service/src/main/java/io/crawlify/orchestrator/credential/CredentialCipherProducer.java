package io.crawlify.orchestrator.credential;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.crawlify.model.credential.CredentialCipher;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The cipher of credential values, from {@code crawlify.credentials.key}. A malformed key stops the service at
 * startup; a missing one leaves credentials disabled (creating one answers 503 naming the setting, a webhook
 * that needs a secret answers 503), so a deployment that uses none needs no key.
 */
public class CredentialCipherProducer {

    @Produces
    @Startup
    @Singleton
    CredentialCipher cipher(OrchestratorConfig config) {
        CredentialCipher cipher = CredentialCipher.configured(config.credentials().key(),
                config.credentials().previousKeys().orElse(List.of()));
        if (cipher.enabled()) {
            Log.infof("credentials are encrypted with key %s", cipher.keyId());
        } else {
            Log.warn(cipher.disabledReason());
        }
        return cipher;
    }
}
