package io.crawlify.model.error;

/** Builds JSON paths in the notation users see: {@code steps[0].config.phases[1].nodes[2].selector}. */
public record Path(String value) {

    public static final Path ROOT = new Path("");

    public Path field(String name) {
        return new Path(value.isEmpty() ? name : value + "." + name);
    }

    public Path index(int i) {
        return new Path(value + "[" + i + "]");
    }

    @Override
    public String toString() {
        return value;
    }
}
