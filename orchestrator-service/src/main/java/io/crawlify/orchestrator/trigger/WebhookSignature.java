package io.crawlify.orchestrator.trigger;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code sha256=<hex of HMAC-SHA256(secret, raw body)>}, the format GitHub uses. Compared
 * as bytes in constant time; malformed headers simply do not match.
 */
public final class WebhookSignature {

    public static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    public static boolean matches(byte[] secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), presented);
    }

    /** The header value for {@code body}, as a sender computes it. */
    public static String sign(byte[] secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
