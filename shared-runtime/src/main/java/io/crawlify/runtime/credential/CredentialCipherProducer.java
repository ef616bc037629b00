package io.crawlify.runtime.credential;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.crawlify.model.credential.CredentialCipher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The cipher of credential values, from the key both services share ({@code crawlify.credentials.key},
 * {@code crawlify.credentials.previous-keys}). A malformed key stops the service at startup; a missing one leaves
 * credentials disabled, and what needs one fails naming the setting.
 */
public class CredentialCipherProducer {

    @Produces
    @Startup
    @Singleton
    CredentialCipher cipher(@ConfigProperty(name = "crawlify.credentials.key") Optional<String> key,
            @ConfigProperty(name = "crawlify.credentials.previous-keys") Optional<List<String>> previousKeys) {
        CredentialCipher cipher = CredentialCipher.configured(key, previousKeys.orElse(List.of()));
        if (cipher.enabled()) {
            Log.infof("credentials are sealed and opened with key %s", cipher.keyId());
        } else {
            Log.warn(cipher.disabledReason());
        }
        return cipher;
    }
}
