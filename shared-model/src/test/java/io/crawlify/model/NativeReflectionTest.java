package io.crawlify.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A model type Jackson binds but the native image does not know fails only in the native executable, where the
 * JVM suites never look (a StepTask that could not be encoded once broke every API step of the native
 * orchestrator). So every record and enum of the model, and every polymorphic interface, must be registered in
 * {@link NativeReflection} or named below as never bound.
 */
class NativeReflectionTest {

    /** Built and read by code only, never by Jackson. */
    private static final Set<String> NEVER_BOUND = Set.of(
            "io.crawlify.model.breaker.BreakerKeys",
            "io.crawlify.model.credential.CredentialCipher$Sealed",
            "io.crawlify.model.expression.Templates$Segment",
            "io.crawlify.model.frontier.ExecutionKeys",
            "io.crawlify.model.frontier.FrontierKeys",
            "io.crawlify.model.message.MessageKind",
            "io.crawlify.model.message.MessageKind$Channel",
            "io.crawlify.model.step.JsonSchemas$Violation",
            "io.crawlify.model.template.Placeholders$Found",
            "io.crawlify.model.error.Path",
            "io.crawlify.model.step.StepTypes$StepType");

    @Test
    void everyBoundModelTypeIsRegisteredForReflection() throws Exception {
        Set<String> registered = Arrays.stream(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets())
                .map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
        List<Class<?>> model = modelClasses();
        assertTrue(model.size() > 50, "the model's classes were not found: " + model);

        Set<String> missing = model.stream()
                .filter(type -> type.isRecord() || type.isEnum() || type.isAnnotationPresent(JsonTypeInfo.class))
                .map(Class::getName)
                .filter(name -> !registered.contains(name) && !NEVER_BOUND.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "register these in NativeReflection, or list them in NEVER_BOUND");

        Set<String> names = model.stream().map(Class::getName).collect(Collectors.toSet());
        Set<String> stale = NEVER_BOUND.stream().filter(name -> !names.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), stale, "NEVER_BOUND names classes that no longer exist");
    }

    /** Every class compiled into the shared model (target/classes, or its jar's directory when run from one). */
    private static List<Class<?>> modelClasses() throws IOException, URISyntaxException {
        Path root = Path.of(NativeReflection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString())
                    .filter(name -> name.startsWith("io/crawlify/model/") && !name.contains("$$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .map(NativeReflectionTest::load)
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeReflectionTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
