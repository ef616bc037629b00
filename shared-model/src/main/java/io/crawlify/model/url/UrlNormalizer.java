package io.crawlify.model.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Canonical form of a URL for deduplication: scheme and host lower-cased, default port and fragment dropped,
 * dot segments removed, an empty path made {@code /}. Query strings are kept as they are (order can matter).
 */
public final class UrlNormalizer {

    private UrlNormalizer() {
    }

    /** Resolves {@code href} against {@code base} and normalises it; empty when it is not an http(s) URL. */
    public static Optional<String> resolve(URI base, String href) {
        if (href == null) {
            return Optional.empty();
        }
        String trimmed = href.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("javascript:")
                || trimmed.startsWith("mailto:") || trimmed.startsWith("tel:") || trimmed.startsWith("data:")) {
            return Optional.empty();
        }
        try {
            if (trimmed.startsWith("?")) {
                // RFC 3986: a query-only reference keeps the base path (java.net.URI follows RFC 2396 here).
                return normalize(new URI(base.getScheme(), base.getRawAuthority(), base.getRawPath(), null, null)
                        .toString() + encodeSpaces(trimmed));
            }
            return normalize(base.resolve(encodeSpaces(trimmed)));
        } catch (IllegalArgumentException | URISyntaxException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> normalize(String url) {
        try {
            return normalize(new URI(encodeSpaces(url.strip())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> normalize(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null) {
            return Optional.empty();
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            port = -1;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            URI clean = new URI(scheme + "://" + host + (port == -1 ? "" : ":" + port) + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())).normalize();
            String cleanPath = clean.getRawPath();
            // Dot segments that climb above the root are dropped, as browsers do.
            while (cleanPath.startsWith("/../") || cleanPath.equals("/..")) {
                cleanPath = cleanPath.length() == 3 ? "/" : cleanPath.substring(3);
            }
            return Optional.of(scheme + "://" + host + (port == -1 ? "" : ":" + port) + cleanPath
                    + (clean.getRawQuery() == null ? "" : "?" + clean.getRawQuery()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    public static String host(String normalizedUrl) {
        return URI.create(normalizedUrl).getHost();
    }

    private static String encodeSpaces(String s) {
        return s.indexOf(' ') < 0 ? s : s.replace(" ", "%20");
    }
}
