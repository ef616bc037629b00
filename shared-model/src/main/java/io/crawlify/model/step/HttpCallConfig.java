package io.crawlify.model.step;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.expression.Templates;
import io.crawlify.model.error.ConfigErrors;

/**
 * What {@code http_request} and {@code webhook_call} share: one HTTP exchange, its response recorded as the step's
 * output. They differ in their default method (GET, POST).
 */
public sealed interface HttpCallConfig extends StepConfig permits HttpRequestConfig, WebhookCallConfig {

    Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    String method();

    String url();

    Map<String, String> headers();

    Map<String, String> query();

    /** JSON body, sent as {@code application/json} unless {@link #contentType} says otherwise. */
    JsonNode body();

    /** Text body sent as it is; exclusive with {@link #body}. */
    String rawBody();

    String contentType();

    HttpAuth auth();

    Boolean followRedirects();

    /** Statuses that count as success; empty means any 2xx. */
    List<Integer> expectStatus();

    ResponseType responseType();

    /** The method as sent: upper case, the type's default when none is given; a template is left to render. */
    static String method(String method, String defaultMethod) {
        if (method == null) {
            return defaultMethod;
        }
        return Templates.isTemplated(method) ? method : method.strip().toUpperCase(Locale.ROOT);
    }

    default boolean expects(int status) {
        return expectStatus().isEmpty() ? status >= 200 && status < 300 : expectStatus().contains(status);
    }

    @Override
    default void validate(ConfigErrors errors) {
        if (!Templates.isTemplated(method()) && !METHODS.contains(method())) {
            errors.field("method").add("must be one of " + METHODS.stream().sorted().toList());
        }
        errors.field("url").httpUrl(url());
        headers().forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                errors.field("headers").field(name).add("not a valid header name");
            } else if (value == null) {
                errors.field("headers").field(name).add("must be a string");
            } else if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                errors.field("headers").field(name).add("header values cannot contain line breaks");
            }
        });
        query().forEach((name, value) -> {
            if (name.isBlank()) {
                errors.field("query").add("parameter names cannot be blank");
            } else if (value == null) {
                errors.field("query").field(name).add("must be a string");
            }
        });
        if (body() != null && rawBody() != null) {
            errors.field("rawBody").add("give either 'body' (JSON) or 'rawBody' (text), not both");
        }
        if (contentType() != null && (contentType().isBlank() || contentType().indexOf('\n') >= 0)) {
            errors.field("contentType").add("not a valid content type");
        }
        for (int i = 0; i < expectStatus().size(); i++) {
            Integer status = expectStatus().get(i);
            if (status == null || status < 100 || status > 599) {
                errors.field("expectStatus").index(i).add("must be an HTTP status between 100 and 599");
            }
        }
        if (auth() != null) {
            validateAuth(auth(), errors.field("auth"));
        }
    }

    private static void validateAuth(HttpAuth auth, ConfigErrors errors) {
        if (auth.type() == null) {
            errors.field("type").add("is required (bearer, basic, header or query)");
        }
        errors.field("credential").required(auth.credential());
        if (auth.type() == HttpAuth.Type.QUERY) {
            errors.field("name").required(auth.name());
        } else if (auth.type() == HttpAuth.Type.HEADER) {
            if (auth.name() != null && !HEADER_NAME.matcher(auth.name()).matches()) {
                errors.field("name").add("not a valid header name");
            }
        } else if (auth.name() != null) {
            errors.field("name").add("only 'header' and 'query' auth take a name");
        }
    }
}
