package io.crawlify.worker.step;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.step.HttpCallConfig;
import io.crawlify.model.step.ResponseType;
import io.crawlify.worker.config.StepsConfig;
import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.phase.FetchException;
import io.crawlify.worker.http.TargetGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

/**
 * The HTTP exchange of {@code http_request} and {@code webhook_call}: builds the request from the rendered config
 * and the step's credential, checks every target (redirects included) against the private-address guard, caps the
 * response body, and records {@code {status, headers, body}}. Redirects are followed here rather than by the
 * client, so each hop is guarded and credentials are dropped when a redirect leaves the origin.
 */
@ApplicationScoped
public class HttpStepClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final WebClient client;
    private final TargetGuard guard;
    private final String userAgent;
    private final int maxRedirects;
    private final BodyCodec<Buffer> bodyCodec;

    @Inject
    public HttpStepClient(Vertx vertx, WorkerConfig worker, StepsConfig steps, TargetGuard guard) {
        this(vertx, worker.http().userAgent(), worker.http().connectTimeout(), steps.http().maxResponseBytes(),
                steps.http().maxRedirects(), guard);
    }

    HttpStepClient(Vertx vertx, String userAgent, Duration connectTimeout, int maxResponseBytes, int maxRedirects,
            TargetGuard guard) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent(userAgent)
                .setKeepAlive(true)
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setFollowRedirects(false)
                .setTryUseCompression(true)
                .setDecompressionSupported(true));
        this.guard = guard;
        this.userAgent = userAgent;
        this.maxRedirects = maxRedirects;
        this.bodyCodec = BodyCodec.newInstance(BoundedBody.codec(maxResponseBytes));
    }

    public Uni<JsonNode> call(HttpCallConfig config, StepCall call) {
        HttpCall request = HttpCall.of(config, call.context(), userAgent);
        long deadline = System.nanoTime() + call.timeout().toNanos();
        long start = System.nanoTime();
        return exchange(request, 0, deadline)
                .map(response -> {
                    JsonNode output = output(config, response);
                    call.log().line(request.method() + " " + request.uri() + " -> " + response.statusCode() + " ("
                            + (System.nanoTime() - start) / 1_000_000 + " ms, " + size(response) + " bytes)");
                    if (!config.expects(response.statusCode())) {
                        throw new StepFailure(StepFailure.HTTP_STATUS, "HTTP " + response.statusCode() + " from "
                                + request.method() + " " + request.uri() + " (expected "
                                + (config.expectStatus().isEmpty() ? "2xx" : config.expectStatus()) + ")",
                                response.statusCode(), output, null);
                    }
                    return output;
                });
    }

    private Uni<HttpResponse<Buffer>> exchange(HttpCall request, int hop, long deadline) {
        long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        return guard.check(request.uri())
                .chain(() -> send(request, remainingMs))
                .onFailure(e -> !(e instanceof StepFailure)).transform(e -> classify(e, request))
                .chain(response -> {
                    String location = response.getHeader("Location");
                    if (!request.followRedirects() || !REDIRECTS.contains(response.statusCode()) || location == null
                            || hop >= maxRedirects) {
                        return Uni.createFrom().item(response);
                    }
                    URI next = resolve(request.uri(), location);
                    if (next == null) {
                        return Uni.createFrom().item(response);
                    }
                    return exchange(request.redirectedTo(next, response.statusCode()), hop + 1, deadline);
                });
    }

    private Uni<HttpResponse<Buffer>> send(HttpCall request, long timeoutMs) {
        HttpRequest<Buffer> http = client.requestAbs(HttpMethod.valueOf(request.method()), request.uri().toString())
                .followRedirects(false)
                .timeout(timeoutMs)
                .as(bodyCodec);
        MultiMap headers = http.headers().getDelegate();
        request.headers().forEach(headers::set);
        return request.body() == null ? http.send()
                : http.sendBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer(request.body()));
    }

    private static URI resolve(URI base, String location) {
        try {
            URI next = base.resolve(new URI(location));
            return "http".equalsIgnoreCase(next.getScheme()) || "https".equalsIgnoreCase(next.getScheme()) ? next
                    : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static StepFailure classify(Throwable error, HttpCall request) {
        String target = request.method() + " " + request.uri();
        BoundedBody.TooLargeException tooLarge = causeOf(error, BoundedBody.TooLargeException.class);
        if (tooLarge != null) {
            return new StepFailure(StepFailure.VALIDATION, tooLarge.getMessage() + ": " + target, null, null, error);
        }
        if (error instanceof FetchException fetch) {
            return new StepFailure("blocked_target".equals(fetch.kind()) ? StepFailure.CONFIG : StepFailure.NETWORK,
                    fetch.getMessage(), null, null, error);
        }
        if (error instanceof TimeoutException || error instanceof io.netty.channel.ConnectTimeoutException) {
            return new StepFailure(StepFailure.TIMEOUT, "timed out: " + target, null, null, error);
        }
        return new StepFailure(StepFailure.NETWORK, error.getClass().getSimpleName() + " on " + target + ": "
                + error.getMessage(), null, null, error);
    }

    private static <T extends Throwable> T causeOf(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static int size(HttpResponse<Buffer> response) {
        return response.body() == null ? 0 : response.body().length();
    }

    private static JsonNode output(HttpCallConfig config, HttpResponse<Buffer> response) {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("status", response.statusCode());
        ObjectNode headers = output.putObject("headers");
        for (String name : response.headers().names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!headers.has(lower)) {
                headers.put(lower, response.headers().get(name));
            }
        }
        output.set("body", body(config.responseType(), response));
        return output;
    }

    private static JsonNode body(ResponseType type, HttpResponse<Buffer> response) {
        Buffer body = response.body();
        if (body == null || body.length() == 0) {
            return JsonNodeFactory.instance.nullNode();
        }
        String contentType = response.getHeader("Content-Type");
        String text = body.toString(charset(contentType));
        boolean jsonContent = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        if (type == ResponseType.TEXT || (type == ResponseType.AUTO && !jsonContent)) {
            return JsonNodeFactory.instance.textNode(text);
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            if (type == ResponseType.AUTO) {
                return JsonNodeFactory.instance.textNode(text);
            }
            ObjectNode output = JsonNodeFactory.instance.objectNode();
            output.put("status", response.statusCode());
            output.put("body", text.length() > 2_000 ? text.substring(0, 2_000) + "..." : text);
            throw new StepFailure(StepFailure.VALIDATION, "response body is not JSON (responseType json): "
                    + e.getOriginalMessage(), null, output, null);
        }
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
