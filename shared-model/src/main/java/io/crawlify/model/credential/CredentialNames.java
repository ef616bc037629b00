package io.crawlify.model.credential;

import java.util.regex.Pattern;

/**
 * What a credential may be called: a letter, then letters, digits, '_' or '-' (up to 128). Names are referenced
 * from workflows (a webhook's {@code secretCredential}, {@code credentials.<name>} in templates), so they stay
 * plain identifiers.
 */
public final class CredentialNames {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,127}");
    public static final String RULE = "a letter, then up to 127 letters, digits, '_' or '-'";

    private CredentialNames() {
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }
}
