package io.crawlify.worker.step;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.step.HttpAuth;
import io.crawlify.model.step.HttpCallConfig;

/**
 * One HTTP request as sent: method, absolute URI (query and query auth included), headers (auth included) and
 * body bytes. Built from a rendered config and the credentials in the step's context.
 */
record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, boolean followRedirects) {

    static HttpCall of(HttpCallConfig config, JsonNode context, String userAgent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        config.headers().forEach((name, value) -> put(headers, name, value));
        Map<String, String> query = new LinkedHashMap<>(config.query());
        if (config.auth() != null) {
            applyAuth(config.auth(), context, headers, query);
        }
        byte[] body = null;
        if (config.body() != null) {
            body = config.body().toString().getBytes(StandardCharsets.UTF_8);
            putIfAbsent(headers, "Content-Type", config.contentType() != null ? config.contentType()
                    : "application/json");
        } else if (config.rawBody() != null) {
            body = config.rawBody().getBytes(StandardCharsets.UTF_8);
            putIfAbsent(headers, "Content-Type", config.contentType() != null ? config.contentType()
                    : "text/plain; charset=utf-8");
        }
        return new HttpCall(config.method(), uri(config.url(), query), headers, body, config.followRedirects());
    }

    /**
     * The request for a redirect to {@code next}: 303, and 301/302 after a POST, become a GET without body (as
     * browsers do); credentials are dropped when the redirect leaves the origin (scheme, host and port).
     */
    HttpCall redirectedTo(URI next, int status) {
        boolean toGet = status == 303 || ((status == 301 || status == 302) && "POST".equals(method));
        Map<String, String> nextHeaders = new LinkedHashMap<>(headers);
        if (toGet) {
            removeHeader(nextHeaders, "Content-Type");
        }
        if (!sameOrigin(uri, next)) {
            removeHeader(nextHeaders, "Authorization");
            removeHeader(nextHeaders, "Cookie");
        }
        return new HttpCall(toGet && !"HEAD".equals(method) ? "GET" : method, next, nextHeaders, toGet ? null : body,
                followRedirects);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void applyAuth(HttpAuth auth, JsonNode context, Map<String, String> headers,
            Map<String, String> query) {
        JsonNode credential = context == null ? null : context.path("credentials").get(auth.credential());
        if (credential == null || credential.isNull()) {
            throw new StepFailure(StepFailure.CONFIG, "credential '" + auth.credential()
                    + "' is not available to this step");
        }
        switch (auth.type()) {
            case BEARER -> put(headers, "Authorization", "Bearer " + secret(credential, auth, "token", "value"));
            case BASIC -> put(headers, "Authorization", "Basic " + basic(credential, auth));
            case HEADER -> headerAuth(credential, auth, headers);
            case QUERY -> query.put(auth.name(), secret(credential, auth, "value", "token"));
        }
    }

    /**
     * A string credential goes under the header {@code name}. An object credential is read as header names to
     * values (the {@code header} credential type): with a {@code name}, that header (or its {@code value} or
     * {@code token} field); without one, every header it holds.
     */
    private static void headerAuth(JsonNode credential, HttpAuth auth, Map<String, String> headers) {
        if (auth.name() != null) {
            JsonNode named = credential.isObject() ? field(credential, auth.name()) : null;
            put(headers, auth.name(), named != null ? named.asText() : secret(credential, auth, "value", "token"));
            return;
        }
        if (!credential.isObject() || credential.isEmpty()) {
            throw new StepFailure(StepFailure.CONFIG, "header auth with credential '" + auth.credential()
                    + "' needs a 'name' (the header), or a credential holding header names and values");
        }
        credential.fields().forEachRemaining(f -> {
            if (!f.getValue().isValueNode() || f.getValue().isNull()) {
                throw new StepFailure(StepFailure.CONFIG, "credential '" + auth.credential() + "' field '"
                        + f.getKey() + "' is not a header value");
            }
            put(headers, f.getKey(), f.getValue().asText());
        });
    }

    private static JsonNode field(JsonNode object, String name) {
        for (var it = object.fields(); it.hasNext();) {
            var f = it.next();
            if (f.getKey().equalsIgnoreCase(name) && f.getValue().isValueNode() && !f.getValue().isNull()) {
                return f.getValue();
            }
        }
        return null;
    }

    /** The credential as a string, or the first of the named fields of an object credential. */
    private static String secret(JsonNode credential, HttpAuth auth, String... fields) {
        if (credential.isValueNode()) {
            return credential.asText();
        }
        for (String field : fields) {
            if (credential.path(field).isValueNode() && !credential.path(field).isNull()) {
                return credential.get(field).asText();
            }
        }
        throw new StepFailure(StepFailure.CONFIG, "credential '" + auth.credential() + "' has no "
                + String.join(" or ", fields) + " field for " + auth.type().name().toLowerCase() + " auth");
    }

    private static String basic(JsonNode credential, HttpAuth auth) {
        String pair;
        if (credential.isTextual()) {
            pair = credential.textValue();
        } else if (credential.path("username").isTextual() && credential.path("password").isTextual()) {
            pair = credential.get("username").textValue() + ":" + credential.get("password").textValue();
        } else {
            throw new StepFailure(StepFailure.CONFIG, "credential '" + auth.credential()
                    + "' must be \"user:password\" or {username, password} for basic auth");
        }
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static URI uri(String url, Map<String, String> query) {
        try {
            URI base = new URI(url.strip());
            if (base.getHost() == null || !("http".equalsIgnoreCase(base.getScheme())
                    || "https".equalsIgnoreCase(base.getScheme()))) {
                throw new StepFailure(StepFailure.CONFIG, "not an absolute http(s) URL: '" + url + "'");
            }
            if (query.isEmpty()) {
                return base;
            }
            StringBuilder raw = new StringBuilder(base.getRawQuery() == null ? "" : base.getRawQuery());
            query.forEach((name, value) -> raw.append(raw.isEmpty() ? "" : "&").append(encode(name)).append('=')
                    .append(encode(value)));
            String text = base.toString();
            int cut = text.indexOf('?') >= 0 ? text.indexOf('?') : text.indexOf('#') >= 0 ? text.indexOf('#')
                    : text.length();
            String fragment = base.getRawFragment() == null ? "" : "#" + base.getRawFragment();
            return new URI(text.substring(0, cut) + "?" + raw + fragment);
        } catch (URISyntaxException e) {
            throw new StepFailure(StepFailure.CONFIG, "not a valid URL '" + url + "': " + e.getMessage());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void put(Map<String, String> headers, String name, String value) {
        removeHeader(headers, name);
        headers.put(name, value);
    }

    private static void putIfAbsent(Map<String, String> headers, String name, String value) {
        if (headers.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
            headers.put(name, value);
        }
    }

    private static void removeHeader(Map<String, String> headers, String name) {
        headers.keySet().removeIf(name::equalsIgnoreCase);
    }
}
