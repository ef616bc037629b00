package io.crawlify.model.step;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An {@code http_request} step: one HTTP exchange whose response (status, headers, parsed body) is the step's
 * output. Method GET unless given.
 */
public record HttpRequestConfig(String method, String url, Map<String, String> headers, Map<String, String> query,
        JsonNode body, String rawBody, String contentType, HttpAuth auth, Boolean followRedirects,
        List<Integer> expectStatus, ResponseType responseType) implements HttpCallConfig {

    public HttpRequestConfig {
        method = HttpCallConfig.method(method, "GET");
        headers = Copies.map(headers);
        query = Copies.map(query);
        body = body == null || body.isNull() || body.isMissingNode() ? null : body;
        followRedirects = followRedirects == null || followRedirects;
        expectStatus = Copies.list(expectStatus);
        responseType = responseType == null ? ResponseType.AUTO : responseType;
    }
}
