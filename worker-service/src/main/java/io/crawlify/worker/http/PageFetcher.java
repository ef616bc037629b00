package io.crawlify.worker.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.phase.FetchException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Non-blocking HTTP GET of pages with keep-alive connection pools per host, the configured User-Agent and a
 * per-request timeout. Errors come back as {@link FetchException} classified as retryable or not.
 */
@ApplicationScoped
public class PageFetcher {

    private final WebClient client;
    private final TargetGuard guard;
    private final int maxBodyBytes;

    public PageFetcher(Vertx vertx, WorkerConfig config, TargetGuard guard) {
        WorkerConfig.Http http = config.http();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent(http.userAgent())
                .setKeepAlive(true)
                .setMaxPoolSize(http.maxConnectionsPerHost())
                .setConnectTimeout((int) http.connectTimeout().toMillis())
                .setFollowRedirects(true)
                .setMaxRedirects(5)
                .setTryUseCompression(true)
                .setDecompressionSupported(true));
        this.guard = guard;
        this.maxBodyBytes = http.maxBodyBytes();
    }

    public Uni<FetchedPage> fetch(String url, String userAgent, Duration timeout) {
        URI uri = URI.create(url);
        return guard.check(uri)
                .chain(() -> {
                    var request = client.getAbs(url).timeout(timeout.toMillis());
                    if (userAgent != null) {
                        request.putHeader("User-Agent", userAgent);
                    }
                    return request.send();
                })
                .onFailure(e -> !(e instanceof FetchException)).transform(e -> classify(e, url))
                .map(response -> toPage(uri, response));
    }

    private FetchedPage toPage(URI requested, HttpResponse<Buffer> response) {
        List<String> redirects = response.followedRedirects();
        URI finalUrl = redirects.isEmpty() ? requested : requested.resolve(redirects.get(redirects.size() - 1));
        if (response.statusCode() >= 400) {
            throw FetchException.forStatus(response.statusCode(), requested.toString());
        }
        Buffer body = response.body();
        int size = body == null ? 0 : body.length();
        if (size > maxBodyBytes) {
            throw new FetchException("too_large", "body of " + size + " bytes exceeds " + maxBodyBytes, false);
        }
        return new FetchedPage(finalUrl, response.statusCode(), response.getHeader("Content-Type"),
                body == null ? "" : body.toString(), size);
    }

    private static FetchException classify(Throwable e, String url) {
        if (e instanceof TimeoutException || e instanceof io.netty.channel.ConnectTimeoutException
                || (e.getMessage() != null && e.getMessage().contains("timeout"))) {
            return new FetchException("timeout", "timed out fetching " + url, true, e);
        }
        if (e instanceof HttpClosedException || e instanceof java.io.IOException) {
            return new FetchException("network", e.getClass().getSimpleName() + " fetching " + url + ": "
                    + e.getMessage(), true, e);
        }
        return new FetchException("network", String.valueOf(e.getMessage()), true, e);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
