package io.crawlify.model.validation;

/** Builds JSON paths in the notation users see: {@code steps[0].config.phases[1].nodes[2].selector}. */
record Path(String value) {

    static final Path ROOT = new Path("");

    Path field(String name) {
        return new Path(value.isEmpty() ? name : value + "." + name);
    }

    Path index(int i) {
        return new Path(value + "[" + i + "]");
    }

    @Override
    public String toString() {
        return value;
    }
}
