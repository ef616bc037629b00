package io.crawlify.model.credential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Encrypts credential values at rest with AES-256-GCM: a random 12-byte nonce per value, a 128-bit tag, and the
 * credential's name as associated data, so a ciphertext copied onto another credential's row fails to open.
 * <p>
 * Each value records the id of the key that sealed it: a fingerprint of the key, not a configured label, so both
 * services derive the same id from the same key. New values are sealed with the current key; previous keys only
 * open older values, which lets a key be rotated without re-encrypting everything at once.
 */
public final class CredentialCipher {

    /** A sealed value as it is stored: which key sealed it, the nonce, and the ciphertext with its GCM tag. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final String disabledReason;
    private final SecureRandom random;

    private CredentialCipher(String currentKeyId, Map<String, SecretKeySpec> keys, String disabledReason) {
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
        this.disabledReason = disabledReason;
        this.random = new SecureRandom();
    }

    /**
     * A cipher sealing with {@code base64Key} (32 bytes, base64) and also opening values sealed with any of
     * {@code previousBase64Keys}. A key that is not 32 bytes of base64 fails here, at startup, with a message
     * that never repeats the key.
     */
    public static CredentialCipher of(String base64Key, List<String> previousBase64Keys) {
        byte[] current = decodeKey(base64Key, "crawlify.credentials.key");
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String currentId = keyId(current);
        keys.put(currentId, new SecretKeySpec(current, "AES"));
        for (int i = 0; i < previousBase64Keys.size(); i++) {
            byte[] previous = decodeKey(previousBase64Keys.get(i), "crawlify.credentials.previous-keys[" + i + "]");
            keys.putIfAbsent(keyId(previous), new SecretKeySpec(previous, "AES"));
        }
        return new CredentialCipher(currentId, keys, null);
    }

    /** Why credentials are unusable when no key is configured. */
    public static final String NO_KEY = "credentials are disabled: no encryption key is configured (set "
            + "crawlify.credentials.key / CRAWLIFY_CREDENTIALS_KEY to base64 of 32 random bytes, e.g. "
            + "openssl rand -base64 32)";

    /**
     * The cipher of a service's settings: sealing with {@code key} when one is set, disabled with {@link #NO_KEY}
     * when not. A malformed key throws.
     */
    public static CredentialCipher configured(java.util.Optional<String> key, List<String> previousKeys) {
        if (key.isEmpty() || key.get().isBlank()) {
            return disabled(NO_KEY);
        }
        return of(key.get(), previousKeys);
    }

    /** A cipher without a key: every operation fails with {@code reason}. */
    public static CredentialCipher disabled(String reason) {
        return new CredentialCipher(null, Map.of(), reason);
    }

    public boolean enabled() {
        return disabledReason == null;
    }

    /** Why credentials cannot be used, or null when they can. */
    public String disabledReason() {
        return disabledReason;
    }

    /** The id of the key new values are sealed with. */
    public String keyId() {
        requireEnabled();
        return currentKeyId;
    }

    /** Seals a credential's value (a JSON string or object) for storage under {@code name}. */
    public Sealed seal(String name, JsonNode value) {
        try {
            return encrypt(JSON.writeValueAsBytes(value), aad(name));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CredentialException("credential '" + name + "' has a value that cannot be serialised");
        }
    }

    /** Opens the stored value of credential {@code name}. */
    public JsonNode open(String name, Sealed sealed) {
        byte[] plaintext = decrypt(sealed, aad(name), "credential '" + name + "'");
        try {
            return JSON.readTree(plaintext);
        } catch (java.io.IOException e) {
            throw new CredentialException("credential '" + name + "' decrypted to something that is not JSON");
        } finally {
            java.util.Arrays.fill(plaintext, (byte) 0);
        }
    }

    public Sealed encrypt(byte[] plaintext, byte[] associatedData) {
        requireEnabled();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return new Sealed(currentKeyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new CredentialException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    public byte[] decrypt(Sealed sealed, byte[] associatedData, String what) {
        requireEnabled();
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new CredentialException(what + " was encrypted with key " + sealed.keyId()
                    + ", which is neither the current key (" + currentKeyId
                    + ") nor one of crawlify.credentials.previous-keys");
        }
        if (sealed.nonce() == null || sealed.nonce().length != NONCE_BYTES) {
            throw new CredentialException(what + " has a malformed nonce");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new CredentialException(what + " failed authentication: the ciphertext was altered or the key "
                    + sealed.keyId() + " is not the one it was sealed with");
        } catch (GeneralSecurityException e) {
            throw new CredentialException(what + " could not be decrypted: " + e.getMessage(), e);
        }
    }

    /** The fingerprint naming a key: the first 8 bytes of SHA-256 over a fixed label and the key, in hex. */
    public static String keyId(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("crawlify-credential-key-id:".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest(key);
            return "k" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] aad(String name) {
        return ("crawlify-credential:" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decodeKey(String base64, String setting) {
        if (base64 == null || base64.isBlank()) {
            throw new CredentialException(setting + " is empty");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new CredentialException(setting + " is not valid base64 (generate one with: openssl rand -base64 32)");
        }
        if (key.length != KEY_BYTES) {
            throw new CredentialException(setting + " must decode to " + KEY_BYTES + " bytes (AES-256), not "
                    + key.length + " (generate one with: openssl rand -base64 32)");
        }
        return key;
    }

    private void requireEnabled() {
        if (disabledReason != null) {
            throw new CredentialException(disabledReason);
        }
    }
}
