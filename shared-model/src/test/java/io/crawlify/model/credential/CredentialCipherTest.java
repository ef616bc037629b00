package io.crawlify.model.credential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.credential.CredentialCipher.Sealed;

class CredentialCipherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = newKey();
    private static final String OTHER_KEY = newKey();

    @Test
    void roundTripsStringsAndObjects() throws Exception {
        CredentialCipher cipher = CredentialCipher.of(KEY, List.of());
        JsonNode object = JSON.readTree("{\"username\": \"alice\", \"password\": \"s3cret ünïcode\"}");
        JsonNode string = JSON.readTree("\"tok-123\"");

        Sealed sealedObject = cipher.seal("shop-login", object);
        Sealed sealedString = cipher.seal("api-token", string);

        assertEquals(object, cipher.open("shop-login", sealedObject));
        assertEquals(string, cipher.open("api-token", sealedString));
        assertEquals(cipher.keyId(), sealedObject.keyId());
        assertEquals(12, sealedObject.nonce().length);
        assertFalse(new String(sealedObject.ciphertext(), StandardCharsets.ISO_8859_1).contains("s3cret"),
                "the ciphertext does not hold the plaintext");
    }

    @Test
    void usesAFreshNonceForEveryValue() throws Exception {
        CredentialCipher cipher = CredentialCipher.of(KEY, List.of());
        JsonNode value = JSON.readTree("\"same\"");
        Sealed first = cipher.seal("a", value);
        Sealed second = cipher.seal("a", value);
        assertFalse(java.util.Arrays.equals(first.nonce(), second.nonce()));
        assertFalse(java.util.Arrays.equals(first.ciphertext(), second.ciphertext()));
    }

    @Test
    void detectsTamperingWithTheCiphertextOrTheNonce() throws Exception {
        CredentialCipher cipher = CredentialCipher.of(KEY, List.of());
        Sealed sealed = cipher.seal("token", JSON.readTree("\"abc\""));
        byte[] flipped = sealed.ciphertext().clone();
        flipped[0] ^= 1;
        byte[] otherNonce = sealed.nonce().clone();
        otherNonce[11] ^= 1;

        var tampered = assertThrows(CredentialException.class,
                () -> cipher.open("token", new Sealed(sealed.keyId(), sealed.nonce(), flipped)));
        assertTrue(tampered.getMessage().contains("failed authentication"), tampered.getMessage());
        assertThrows(CredentialException.class,
                () -> cipher.open("token", new Sealed(sealed.keyId(), otherNonce, sealed.ciphertext())));
    }

    @Test
    void bindsTheValueToItsCredentialName() throws Exception {
        CredentialCipher cipher = CredentialCipher.of(KEY, List.of());
        Sealed sealed = cipher.seal("prod-db", JSON.readTree("\"pw\""));
        var moved = assertThrows(CredentialException.class, () -> cipher.open("dev-db", sealed));
        assertTrue(moved.getMessage().contains("'dev-db'"), moved.getMessage());
    }

    @Test
    void refusesAWrongKeyAndNamesAnUnknownKeyId() throws Exception {
        Sealed sealed = CredentialCipher.of(KEY, List.of()).seal("token", JSON.readTree("\"abc\""));
        CredentialCipher other = CredentialCipher.of(OTHER_KEY, List.of());

        var unknown = assertThrows(CredentialException.class, () -> other.open("token", sealed));
        assertTrue(unknown.getMessage().contains(sealed.keyId()), unknown.getMessage());

        // Same key id (as if the key were swapped under the same id): the tag does not verify.
        var wrong = assertThrows(CredentialException.class, () -> other.open("token",
                new Sealed(other.keyId(), sealed.nonce(), sealed.ciphertext())));
        assertTrue(wrong.getMessage().contains("failed authentication"), wrong.getMessage());
    }

    @Test
    void opensValuesOfAPreviousKeyAfterRotation() throws Exception {
        Sealed old = CredentialCipher.of(KEY, List.of()).seal("token", JSON.readTree("\"abc\""));
        CredentialCipher rotated = CredentialCipher.of(OTHER_KEY, List.of(KEY));

        assertEquals("abc", rotated.open("token", old).asText());
        Sealed fresh = rotated.seal("token", JSON.readTree("\"abc\""));
        assertNotEquals(old.keyId(), fresh.keyId());
        assertEquals(CredentialCipher.keyId(Base64.getDecoder().decode(OTHER_KEY)), fresh.keyId());
    }

    @Test
    void rejectsKeysThatAreNotThirtyTwoBytesOfBase64WithoutEchoingThem() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        var tooShort = assertThrows(CredentialException.class, () -> CredentialCipher.of(shortKey, List.of()));
        assertTrue(tooShort.getMessage().contains("32 bytes"), tooShort.getMessage());
        assertFalse(tooShort.getMessage().contains(shortKey));

        var notBase64 = assertThrows(CredentialException.class, () -> CredentialCipher.of("not base64 !!", List.of()));
        assertFalse(notBase64.getMessage().contains("not base64 !!"));
        assertThrows(CredentialException.class, () -> CredentialCipher.of(KEY, List.of("short")));
    }

    @Test
    void aDisabledCipherFailsEveryOperationWithItsReason() {
        CredentialCipher disabled = CredentialCipher.disabled("no key configured");
        assertFalse(disabled.enabled());
        var e = assertThrows(CredentialException.class, () -> disabled.seal("x", JSON.getNodeFactory().textNode("v")));
        assertEquals("no key configured", e.getMessage());
        assertThrows(CredentialException.class,
                () -> disabled.open("x", new Sealed("k", new byte[12], new byte[20])));
    }

    @Test
    void rawEncryptionRoundTripsWithAssociatedData() {
        CredentialCipher cipher = CredentialCipher.of(KEY, List.of());
        byte[] plain = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] aad = "ctx".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(plain, cipher.decrypt(cipher.encrypt(plain, aad), aad, "value"));
        assertThrows(CredentialException.class,
                () -> cipher.decrypt(cipher.encrypt(plain, aad), "other".getBytes(StandardCharsets.UTF_8), "value"));
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
