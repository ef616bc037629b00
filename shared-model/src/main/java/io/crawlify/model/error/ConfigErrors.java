package io.crawlify.model.error;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.expression.Templates;

/**
 * Where a step config reports its problems: a position in the workflow ({@code steps[2].config}) that moves down
 * with {@link #field} and {@link #index}, and the list every problem of the workflow goes to.
 */
public final class ConfigErrors {

    private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://[^\\s/?#]+.*");

    /** Binds and checks a nested step's config: the validator's own entry point, handed down so this stays below it. */
    @FunctionalInterface
    public interface NestedStepBinder {
        Object bindAndCheck(String type, JsonNode config, Path at, List<ValidationError> sink);
    }

    private final Path at;
    private final List<ValidationError> sink;
    private final NestedStepBinder nested;

    public ConfigErrors(Path at, List<ValidationError> sink, NestedStepBinder nested) {
        this.at = at;
        this.sink = sink;
        this.nested = nested;
    }

    public ConfigErrors field(String name) {
        return new ConfigErrors(at.field(name), sink, nested);
    }

    public ConfigErrors index(int i) {
        return new ConfigErrors(at.index(i), sink, nested);
    }

    /**
     * A position inside a JSON value held at this one, given as {@code $.a.b[2]} (the notation of
     * {@link io.crawlify.model.step.JsonSchemas.Violation}); {@code $} is this position itself.
     */
    public ConfigErrors within(String jsonPath) {
        String rest = jsonPath == null || !jsonPath.startsWith("$") ? "" : jsonPath.substring(1);
        if (rest.isEmpty()) {
            return this;
        }
        String base = at.toString();
        return new ConfigErrors(new Path(rest.startsWith("[") || base.isEmpty() ? base + rest.replaceFirst("^\\.", "")
                : base + rest), sink, nested);
    }

    public void add(String message) {
        sink.add(new ValidationError(at.toString().isEmpty() ? "$" : at.toString(), message));
    }

    public String path() {
        return at.toString();
    }

    /** Reports a missing or blank value; true when present. */
    public boolean required(String value) {
        if (value == null || value.isBlank()) {
            add("is required");
            return false;
        }
        return true;
    }

    /**
     * An absolute http(s) URL with a host. A URL with templates is only checked when it renders (it may be a whole
     * {@code {{ }}}), unless its literal start already shows a scheme that is not http(s).
     */
    public void httpUrl(String url) {
        if (!required(url)) {
            return;
        }
        if (Templates.isTemplated(url)) {
            String head = url.substring(0, url.indexOf("{{"));
            if (head.contains(":") && !head.matches("(?i)https?:.*")) {
                add("not an http(s) URL: '" + url + "'");
            }
            return;
        }
        try {
            java.net.URI uri = new java.net.URI(url.strip());
            if (!HTTP_URL.matcher(url.strip()).matches() || uri.getHost() == null) {
                add("not an absolute http(s) URL: '" + url + "'");
            }
        } catch (java.net.URISyntaxException e) {
            add("not a valid URL: " + e.getMessage());
        }
    }

    /**
     * Binds and checks the config of a step nested in this one (a {@code for_each}'s step), reporting under this
     * position. Returns the typed config, or null when it could not be bound.
     */
    public Object nestedStep(String type, JsonNode config) {
        return nested.bindAndCheck(type, config, at, sink);
    }
}
