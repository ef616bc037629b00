package io.crawlify.worker.credential;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.crawlify.model.credential.CredentialCipher;
import io.crawlify.worker.config.CredentialsConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/** The cipher from the key shared with the orchestrator; a malformed key stops the worker at startup. */
public class CredentialCipherProducer {

    @Produces
    @Startup
    @Singleton
    CredentialCipher cipher(CredentialsConfig config) {
        CredentialCipher cipher = CredentialCipher.configured(config.key(), config.previousKeys().orElse(List.of()));
        if (cipher.enabled()) {
            Log.infof("credentials are decrypted with key %s", cipher.keyId());
        } else {
            Log.warn(cipher.disabledReason());
        }
        return cipher;
    }
}
