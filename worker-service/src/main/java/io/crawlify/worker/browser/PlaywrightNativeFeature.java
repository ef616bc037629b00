package io.crawlify.worker.browser;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.graalvm.nativeimage.hosted.Feature;
import org.graalvm.nativeimage.hosted.RuntimeReflection;

/**
 * Native image only (named in application.properties' {@code quarkus.native.additional-build-args}): opens the
 * Playwright client's classes to reflection. The client turns every options object into protocol JSON with Gson,
 * reads replies into option types with Gson, and copies one options class into another field by field
 * ({@code Utils.convertType}), all through reflection; registering the whole client keeps a Playwright upgrade
 * from silently dropping a class. Its JUnit integration is left out (JUnit is not on the classpath).
 */
public final class PlaywrightNativeFeature implements Feature {

    private static final String[] ANCHORS = { "com.microsoft.playwright.Playwright",
            "com.microsoft.playwright.impl.driver.Driver" };

    @Override
    public String getDescription() {
        return "Registers the Playwright for Java client for reflection (Gson)";
    }

    @Override
    public void beforeAnalysis(BeforeAnalysisAccess access) {
        int registered = 0;
        for (String anchor : ANCHORS) {
            Class<?> type = access.findClassByName(anchor);
            if (type == null) {
                throw new IllegalStateException(anchor + " is not on the image class path");
            }
            registered += registerJarOf(type, access);
        }
        if (registered == 0) {
            throw new IllegalStateException("no Playwright class found to register");
        }
    }

    private static int registerJarOf(Class<?> anchor, BeforeAnalysisAccess access) {
        Path jar;
        try {
            jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the jar of " + anchor.getName(), e);
        }
        int registered = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                String name = entries.nextElement().getName();
                if (name.startsWith("com/microsoft/playwright/") && name.endsWith(".class")
                        && !name.startsWith("com/microsoft/playwright/impl/junit/")
                        && !name.endsWith("module-info.class")) {
                    Class<?> type = access.findClassByName(name.substring(0, name.length() - 6).replace('/', '.'));
                    if (type != null && register(type)) {
                        registered++;
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + jar, e);
        }
        return registered;
    }

    /** Constructors and fields (Gson, convertType); the client invokes no method reflectively. */
    private static boolean register(Class<?> type) {
        try {
            RuntimeReflection.register(type);
            RuntimeReflection.registerAllDeclaredFields(type);
            RuntimeReflection.registerAllDeclaredConstructors(type);
            RuntimeReflection.register(type.getDeclaredConstructors());
            Field[] fields = type.getDeclaredFields();
            RuntimeReflection.register(true, fields);
            return true;
        } catch (LinkageError e) {
            return false; // refers to a class that is not on the class path
        }
    }
}
