package io.crawlify.orchestrator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.crawlify.model.error.ValidationError;

/** RFC 9457 problem details, the one error shape of the API. {@code field} names the offending path. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field,
        List<ValidationError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail, String field) {
        return new Problem("about:blank", title, status, detail, field, null);
    }
}
