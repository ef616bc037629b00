package io.crawlify.worker.step;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.step.WebhookCallConfig;
import io.crawlify.model.step.StepTypes;
import io.smallrye.mutiny.Uni;

/**
 * {@code webhook_call}: the same exchange as {@code http_request} (POST by default), its response recorded; a
 * status outside {@code expectStatus} (default 2xx) fails the step like any request.
 */
@ApplicationScoped
public class WebhookCallExecutor implements StepExecutor<WebhookCallConfig> {

    private final HttpStepClient client;

    public WebhookCallExecutor(HttpStepClient client) {
        this.client = client;
    }

    @Override
    public String type() {
        return StepTypes.WEBHOOK_CALL;
    }

    @Override
    public Uni<JsonNode> execute(WebhookCallConfig config, StepCall call) {
        return client.call(config, call);
    }
}
