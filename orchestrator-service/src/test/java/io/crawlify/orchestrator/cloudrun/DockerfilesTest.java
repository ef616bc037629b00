package io.crawlify.orchestrator.cloudrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The images cannot be built here (no container engine), so their Dockerfiles are checked as text: what they copy
 * from the sources exists, the service images run unprivileged on $PORT with a health check, the native ones
 * build with Mandrel, and Cloud Build names the files that exist.
 */
class DockerfilesTest {

    private static final Path DOCKER = RepoCommand.ROOT.resolve("src/main/docker");
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(.*)$", Pattern.MULTILINE);

    @Test
    void copyOnlySourcesThatExistOrBuildOutputs() throws IOException {
        for (Path file : dockerfiles()) {
            Matcher copy = COPY.matcher(Files.readString(file));
            while (copy.find()) {
                List<String> words = new ArrayList<>(Arrays.asList(copy.group(1).trim().split("\\s+")));
                if (words.stream().anyMatch(w -> w.startsWith("--from="))) {
                    continue;
                }
                words.removeIf(w -> w.startsWith("--"));
                for (String source : words.subList(0, words.size() - 1)) {
                    if (source.contains("/target/")) {
                        continue; // built by Maven before the image (the JVM images)
                    }
                    assertThat(exists(source)).as("%s copies %s", RepoCommand.ROOT.relativize(file), source).isTrue();
                }
            }
        }
    }

    /**
     * A native image builds from sources with the reactor: Maven reads every module the root pom lists, so each
     * module's pom must be copied, and the sources of the modules a service is built from (seen missing once: a new
     * shared module that no Dockerfile copied).
     */
    @Test
    void nativeBuildsCopyEveryModuleOfTheReactor() throws IOException {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(RepoCommand.ROOT.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertThat(modules).contains("shared-model", "shared-runtime", "worker-service", "orchestrator-service");
        for (String service : List.of("orchestrator", "worker")) {
            String text = Files.readString(DOCKER.resolve(service).resolve("Dockerfile.native"));
            for (String name : modules) {
                assertThat(text).as("%s Dockerfile.native copies %s/pom.xml", service, name)
                        .contains("COPY " + name + "/pom.xml " + name + "/");
            }
            for (String name : List.of("shared-model", "shared-runtime", service + "-service")) {
                assertThat(text).as("%s Dockerfile.native copies %s/src", service, name)
                        .contains("COPY " + name + "/src " + name + "/src");
            }
        }
    }

    @Test
    void serviceImagesRunUnprivilegedOnPortWithAHealthCheck() throws IOException {
        for (Path file : dockerfiles()) {
            String text = Files.readString(file);
            String runtime = text.substring(text.lastIndexOf("\nFROM "));
            assertThat(runtime).as("%s: final stage user", file).containsPattern("\\nUSER (1001|185|10001)\\n")
                    .doesNotContainPattern("\\nUSER (0|root)\\n");
            if (file.getFileName().toString().equals("Dockerfile.browser-runtime")) {
                continue; // a base image: the worker images on top of it declare the rest
            }
            assertThat(runtime).as("%s", file).contains("\nHEALTHCHECK ", "/q/health/live", "ENV PORT=8080",
                    "EXPOSE 8080");
            if (file.getFileName().toString().equals("Dockerfile.native")) {
                assertThat(text).contains("quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25", "-Dnative");
            }
        }
    }

    @Test
    void cloudBuildBuildsTheDockerfilesThatExist() throws IOException {
        String config = Files.readString(RepoCommand.ROOT.resolve("cloudrun/cloudbuild.yaml"));
        Matcher dockerfile = Pattern.compile("src/main/docker/[^\\s,)]+").matcher(config);
        List<String> named = new ArrayList<>();
        while (dockerfile.find()) {
            named.add(dockerfile.group());
        }
        assertThat(named.stream().distinct()).containsExactlyInAnyOrder("src/main/docker/worker/Dockerfile.browser-runtime",
                "src/main/docker/worker/Dockerfile.native", "src/main/docker/orchestrator/Dockerfile.native");
        named.forEach(path -> assertThat(RepoCommand.ROOT.resolve(path)).isRegularFile());
    }

    /** A path of the repository, or a glob in its last segment ({@code mvnw}, {@code shared-model/src}, ...). */
    private static boolean exists(String source) throws IOException {
        Path path = RepoCommand.ROOT.resolve(source);
        if (!source.contains("*")) {
            return Files.exists(path);
        }
        var glob = path.getFileSystem().getPathMatcher("glob:" + path);
        try (Stream<Path> siblings = Files.list(path.getParent())) {
            return siblings.anyMatch(glob::matches);
        }
    }

    private static List<Path> dockerfiles() throws IOException {
        try (Stream<Path> files = Files.walk(DOCKER)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith("Dockerfile.")).sorted().toList();
            assertThat(found).hasSize(5);
            return found;
        }
    }
}
