package io.crawlify.worker.step;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replaces credential values with {@code ***} in text and JSON (values and keys) before outputs, logs and errors
 * leave the worker. Besides each secret as it is, it catches the forms a secret takes on the way out: URL-encoded
 * (a query parameter echoed in an error), JSON-escaped (inside serialized JSON) and, for a
 * {@code {username, password}} credential, the Basic authorization token. Secrets shorter than {@value #MIN_LENGTH} characters are not masked: masking every "a"
 * would make logs unreadable while hiding nothing.
 */
public final class Redactor {

    public static final String MASK = "***";
    public static final int MIN_LENGTH = 4;

    private static final Redactor NONE = new Redactor(List.of());

    private final Pattern pattern;

    public Redactor(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_LENGTH) {
                forms.add(secret);
                forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
                String quoted = JsonNodeFactory.instance.textNode(secret).toString();
                forms.add(quoted.substring(1, quoted.length() - 1));
            }
        }
        this.pattern = forms.isEmpty() ? null : Pattern.compile(forms.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).collect(Collectors.joining("|")));
    }

    /** A redactor for the values of the context's {@code credentials} object: every string leaf of it. */
    public static Redactor of(JsonNode credentials) {
        if (credentials == null || credentials.isEmpty()) {
            return NONE;
        }
        Set<String> secrets = new LinkedHashSet<>();
        collect(credentials, secrets);
        return new Redactor(secrets);
    }

    private static void collect(JsonNode node, Set<String> secrets) {
        if (node.isTextual()) {
            secrets.add(node.textValue());
        } else if (node.isNumber()) {
            secrets.add(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, secrets));
        }
        if (node.isObject() && node.path("username").isTextual() && node.path("password").isTextual()) {
            String pair = node.get("username").textValue() + ":" + node.get("password").textValue();
            secrets.add(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
    }

    public boolean isEmpty() {
        return pattern == null;
    }

    public String redact(String text) {
        if (pattern == null || text == null || text.isEmpty()) {
            return text;
        }
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }

    /** A copy of {@code value} with every string (and object key) redacted; the input is not modified. */
    public JsonNode redact(JsonNode value) {
        if (pattern == null || value == null) {
            return value;
        }
        if (value.isTextual()) {
            return JsonNodeFactory.instance.textNode(redact(value.textValue()));
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(redact(field.getKey()), redact(field.getValue()));
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(value.size());
            value.forEach(element -> copy.add(redact(element)));
            return copy;
        }
        if (value.isNumber() && !redact(value.asText()).equals(value.asText())) {
            return JsonNodeFactory.instance.textNode(MASK);
        }
        return value;
    }

    /** A failure with its message and output redacted, kind and status kept. */
    public StepFailure redact(StepFailure failure) {
        if (pattern == null) {
            return failure;
        }
        return new StepFailure(failure.kind(), redact(failure.getMessage()), failure.httpStatus(),
                redact(failure.output()), null);
    }

    /** A result with its output and logs redacted. */
    public StepResult redact(StepResult result) {
        return pattern == null ? result : new StepResult(redact(result.output()), redact(result.logs()));
    }
}
