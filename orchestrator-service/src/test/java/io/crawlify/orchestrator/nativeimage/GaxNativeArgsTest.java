package io.crawlify.orchestrator.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Both services replace gax's own native-image arguments (excluded with --exclude-config) by
 * native-image/gax/native-image.properties; this keeps the copy equal to what the gax jars on the class path ask
 * for, option by option and list entry by list entry, so a gax upgrade cannot silently drift from it.
 */
class GaxNativeArgsTest {

    private static final String OURS = "META-INF/native-image/io.crawlify/gax/native-image.properties";
    private static final String GAX = "META-INF/native-image/com.google.api/gax/native-image.properties";
    private static final String GAX_GRPC = "META-INF/native-image/com.google.api/gax-grpc/native-image.properties";

    @Test
    void restatesExactlyTheArgumentsOfGaxAndGaxGrpc() throws IOException {
        Set<String> expected = new TreeSet<>(arguments(GAX));
        expected.addAll(arguments(GAX_GRPC));
        assertThat(expected).as("gax's own arguments").contains(
                "--features=com.google.api.gax.nativeimage.GoogleJsonClientFeature",
                "--features=com.google.api.gax.grpc.nativeimage.GrpcNettyFeature");
        assertThat(arguments(OURS)).isEqualTo(expected);
    }

    /** Args of a native-image.properties as java.util.Properties reads it, each list option split per entry. */
    private static Set<String> arguments(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = GaxNativeArgsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(in);
        }
        Set<String> arguments = new TreeSet<>();
        for (String argument : properties.getProperty("Args", "").trim().split("\\s+")) {
            int eq = argument.indexOf('=');
            if (eq < 0) {
                arguments.add(argument);
                continue;
            }
            for (String entry : argument.substring(eq + 1).split(",")) {
                arguments.add(argument.substring(0, eq + 1) + entry);
            }
        }
        return arguments;
    }
}
