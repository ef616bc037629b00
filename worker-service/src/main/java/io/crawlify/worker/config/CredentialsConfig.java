package io.crawlify.worker.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The credential key, shared with the orchestrator under the same names (CRAWLIFY_CREDENTIALS_KEY,
 * CRAWLIFY_CREDENTIALS_PREVIOUS_KEYS); unset, steps that use credentials fail naming the setting.
 */
@ConfigMapping(prefix = "crawlify.credentials")
public interface CredentialsConfig {

    /** Base64 of the 32-byte AES key credentials are encrypted with. */
    Optional<String> key();

    /** Keys that only decrypt values sealed before a rotation. */
    Optional<List<String>> previousKeys();

    /**
     * How long a decrypted credential is reused before it is read again; a changed or deleted credential reaches
     * running workers within this time (CRAWLIFY_CREDENTIALS_CACHE_TTL).
     */
    @WithDefault("30s")
    Duration cacheTtl();
}
