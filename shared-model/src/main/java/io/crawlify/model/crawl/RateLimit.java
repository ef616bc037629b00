package io.crawlify.model.crawl;

/** Requests per second per domain, across all workers. 0 means unlimited. */
public record RateLimit(Double requestsPerSecond) {

    public static final RateLimit UNLIMITED = new RateLimit(0.0);

    public RateLimit {
        requestsPerSecond = requestsPerSecond == null ? 0.0 : requestsPerSecond;
    }

    public boolean limited() {
        return requestsPerSecond > 0;
    }
}
