package io.crawlify.model.trigger;

/**
 * {@code POST /api/v1/hooks/{workflowId}} starts the workflow with the request body as input. With
 * {@code secretCredential}, the request must carry {@code <signatureHeader>: sha256=<hex HMAC-SHA256 of the raw
 * body>} keyed with that credential's value; the credential is looked up when a request arrives.
 */
public record WebhookTrigger(String secretCredential, String signatureHeader) implements TriggerSpec {

    public static final String TYPE = "webhook";
    public static final String DEFAULT_SIGNATURE_HEADER = "X-Crawlify-Signature";

    public WebhookTrigger {
        signatureHeader = signatureHeader == null ? DEFAULT_SIGNATURE_HEADER : signatureHeader;
    }
}
