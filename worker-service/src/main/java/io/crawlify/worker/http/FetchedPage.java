package io.crawlify.worker.http;

import java.net.URI;

/** A fetched response: {@code finalUrl} is where redirects ended, the base for resolving links. */
public record FetchedPage(URI finalUrl, int status, String contentType, String body, long bytes) {

    public boolean isHtml() {
        return contentType == null || contentType.contains("html") || contentType.contains("xml");
    }
}
