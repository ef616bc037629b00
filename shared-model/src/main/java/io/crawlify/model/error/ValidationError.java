package io.crawlify.model.error;

/** One problem in a workflow definition, located by its JSON path (e.g. {@code steps[0].config.startUrls[1]}). */
public record ValidationError(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
