package io.crawlify.model.step;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code webhook_call} step: notifies an external system (POST unless given) and records the response as
 * {@code http_request} does; a status outside {@code expectStatus} (default 2xx) still fails the step.
 */
public record WebhookCallConfig(String method, String url, Map<String, String> headers, Map<String, String> query,
        JsonNode body, String rawBody, String contentType, HttpAuth auth, Boolean followRedirects,
        List<Integer> expectStatus, ResponseType responseType) implements HttpCallConfig {

    public WebhookCallConfig {
        method = HttpCallConfig.method(method, "POST");
        headers = Copies.map(headers);
        query = Copies.map(query);
        body = body == null || body.isNull() || body.isMissingNode() ? null : body;
        followRedirects = followRedirects == null || followRedirects;
        expectStatus = Copies.list(expectStatus);
        responseType = responseType == null ? ResponseType.AUTO : responseType;
    }
}
