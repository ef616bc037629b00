package io.crawlify.orchestrator.trigger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.credential.CredentialException;
import io.crawlify.model.trigger.WebhookTrigger;
import io.crawlify.orchestrator.api.ApiException;
import io.crawlify.orchestrator.auth.ApiKeys;
import io.crawlify.orchestrator.credential.CredentialService;
import io.crawlify.orchestrator.execution.ExecutionService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * A webhook call: find the workflow's webhook trigger → authenticate (the body's HMAC signature when the trigger
 * names a secret, else the API key) → refuse paused workflows → start an execution with the body as input.
 */
@ApplicationScoped
public class WebhookService {

    /** Thrown to answer 401 with the API key filter's problem (and its WWW-Authenticate header). */
    public static final class ApiKeyRequired extends RuntimeException {
        private final transient ApiKeys.Refusal refusal;

        ApiKeyRequired(ApiKeys.Refusal refusal) {
            super(refusal.detail(), null, false, false);
            this.refusal = refusal;
        }

        public ApiKeys.Refusal refusal() {
            return refusal;
        }
    }

    private final TriggerDefinitions definitions;
    private final CredentialService credentials;
    private final ExecutionService executions;
    private final ApiKeys apiKeys;
    private final TriggerInput inputs;
    private final MeterRegistry metrics;

    public WebhookService(TriggerDefinitions definitions, CredentialService credentials, ExecutionService executions,
            ApiKeys apiKeys, ObjectMapper json, MeterRegistry metrics) {
        this.definitions = definitions;
        this.credentials = credentials;
        this.executions = executions;
        this.apiKeys = apiKeys;
        this.inputs = new TriggerInput(json);
        this.metrics = metrics;
    }

    public Uni<WebhookResponse> receive(UUID workflowId, byte[] body, Function<String, String> header) {
        return definitions.webhook(workflowId)
                .chain(found -> {
                    if (found.isEmpty()) {
                        requireApiKey(header);
                        throw new ApiException(404, "Not Found",
                                "workflow " + workflowId + " does not exist or has no webhook trigger", null);
                    }
                    return authenticate(found.get().trigger(), body, header).replaceWith(found.get());
                })
                .map(webhook -> {
                    if (!"active".equals(webhook.status())) {
                        throw ApiException.conflict("workflow " + workflowId + " is " + webhook.status()
                                + "; its webhook starts nothing until it is active again");
                    }
                    return parse(body);
                })
                .chain(input -> executions.start(workflowId, input, WebhookTrigger.TYPE))
                .invoke(() -> metrics.counter("crawlify.triggers.fired", "type", WebhookTrigger.TYPE).increment())
                .map(e -> new WebhookResponse(e.id(), e.workflowId(), e.workflowVersion(), e.status(), e.trigger()));
    }

    private Uni<Void> authenticate(WebhookTrigger trigger, byte[] body, Function<String, String> header) {
        if (trigger.secretCredential() == null) {
            requireApiKey(header);
            return Uni.createFrom().voidItem();
        }
        return secret(trigger.secretCredential()).invoke(secret -> {
            String signature = header.apply(trigger.signatureHeader());
            if (signature == null) {
                throw new ApiException(401, "Unauthorized", "the " + trigger.signatureHeader()
                        + " header is required: sha256=<hex HMAC-SHA256 of the body with the webhook's secret>",
                        trigger.signatureHeader());
            }
            if (!WebhookSignature.matches(secret, body, signature)) {
                throw new ApiException(401, "Unauthorized", "the " + trigger.signatureHeader()
                        + " signature does not match the body", trigger.signatureHeader());
            }
        }).replaceWithVoid();
    }

    /** The secret's bytes: a string credential's value, or an object credential's {@code secret} field. */
    private Uni<byte[]> secret(String name) {
        return credentials.reveal(name)
                .map(value -> {
                    JsonNode secret = value.isObject() ? value.get("secret") : value;
                    if (secret == null || !secret.isTextual()) {
                        throw new CredentialException("credential '" + name
                                + "' holds no usable secret (a string, or an object with a 'secret' field)");
                    }
                    return secret.asText().getBytes(StandardCharsets.UTF_8);
                })
                .onFailure(CredentialException.class).transform(e -> {
                    Log.warnf("webhook secret unavailable: %s", e.getMessage());
                    return new ApiException(503, "Service Unavailable",
                            "the webhook's signature cannot be checked: " + e.getMessage(), null);
                });
    }

    private void requireApiKey(Function<String, String> header) {
        apiKeys.check(header).ifPresent(refusal -> {
            throw new ApiKeyRequired(refusal);
        });
    }

    private JsonNode parse(byte[] body) {
        try {
            return inputs.parse(body == null ? null : new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ApiException.badRequest("$", "the body must be JSON (or empty): " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        int cut = message == null ? -1 : message.indexOf('\n');
        return cut > 0 ? message.substring(0, cut) : String.valueOf(message);
    }
}
