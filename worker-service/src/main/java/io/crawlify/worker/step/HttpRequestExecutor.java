package io.crawlify.worker.step;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.step.HttpRequestConfig;
import io.crawlify.model.step.StepTypes;
import io.smallrye.mutiny.Uni;

/** {@code http_request}: one exchange through {@link HttpStepClient}; output {@code {status, headers, body}}. */
@ApplicationScoped
public class HttpRequestExecutor implements StepExecutor<HttpRequestConfig> {

    private final HttpStepClient client;

    public HttpRequestExecutor(HttpStepClient client) {
        this.client = client;
    }

    @Override
    public String type() {
        return StepTypes.HTTP_REQUEST;
    }

    @Override
    public Uni<JsonNode> execute(HttpRequestConfig config, StepCall call) {
        return client.call(config, call);
    }
}
