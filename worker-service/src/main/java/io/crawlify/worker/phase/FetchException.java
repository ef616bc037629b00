package io.crawlify.worker.phase;

/** A page that could not be fetched. {@code retryable} says whether another attempt may succeed. */
public class FetchException extends RuntimeException {

    private final String kind;
    private final boolean retryable;

    public FetchException(String kind, String message, boolean retryable) {
        super(message);
        this.kind = kind;
        this.retryable = retryable;
    }

    public FetchException(String kind, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryable = retryable;
    }

    public String kind() {
        return kind;
    }

    public boolean retryable() {
        return retryable;
    }

    public static FetchException forStatus(int status, String url) {
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return new FetchException("http_" + status, "HTTP " + status + " from " + url, retryable);
    }
}
