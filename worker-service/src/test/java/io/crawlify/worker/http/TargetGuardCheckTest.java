package io.crawlify.worker.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crawlify.worker.phase.FetchException;

/** The prod-profile guard: internal targets are refused unless allow-listed, by host or network. */
class TargetGuardCheckTest {

    private static void check(TargetGuard guard, String url) {
        guard.check(URI.create(url)).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void refusesLoopbackPrivateAndMetadataAddresses() {
        TargetGuard guard = new TargetGuard(true, List.of());
        for (String url : List.of("http://127.0.0.1:8080/", "http://localhost/", "http://10.1.2.3/",
                "http://169.254.169.254/computeMetadata/v1/", "http://[::1]/")) {
            FetchException refused = assertThrows(FetchException.class, () -> check(guard, url), url);
            assertEquals("blocked_target", refused.kind());
            assertFalse(refused.retryable());
        }
    }

    @Test
    void allowsListedNetworksAndHostsOnly() {
        TargetGuard guard = new TargetGuard(true, List.of("127.0.0.0/8", "metadata.internal"));
        assertDoesNotThrow(() -> check(guard, "http://127.0.0.1:18080/index.html"));
        assertDoesNotThrow(() -> check(guard, "http://metadata.internal/"));
        assertThrows(FetchException.class, () -> check(guard, "http://192.168.0.10/"));
    }

    @Test
    void isOffWhenDisabled() {
        assertDoesNotThrow(() -> check(new TargetGuard(false, List.of()), "http://10.0.0.1/"));
    }
}
