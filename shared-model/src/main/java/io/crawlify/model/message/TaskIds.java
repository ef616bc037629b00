package io.crawlify.model.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Deterministic task ids: the same page of the same step of the same execution always has the same id. */
public final class TaskIds {

    private TaskIds() {
    }

    public static String forPage(UUID executionId, String stepId, String normalizedUrl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((executionId + "|" + stepId + "|" + normalizedUrl).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** A step attempt's id: {@code <executionId>:<stepId>:<attempt>}, readable in logs and the step API. */
    public static String forStep(UUID executionId, String stepId, int attempt) {
        return executionId + ":" + stepId + ":" + attempt;
    }
}
