package io.crawlify.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The worker's seams, read from its compiled classes: arrows point one way, adapters stay at the edge. Plain JUnit
 * tests on ArchUnit's core library: the {@code archunit-junit5} engine's {@code @ArchTest} fields ran zero tests
 * under this build's JUnit Platform 6 (surefire reported the class with "Tests run: 0"), which would pass silently.
 */
class ArchitectureTest {

    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crawlify.worker");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.crawlify.worker.(*)..").should().beFreeOfCycles().check(WORKER);
    }

    @Test
    void onlyMessagingTalksToPubSub() {
        noClasses().that().resideOutsideOfPackage("..worker.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("..worker.messaging..",
                        "com.google.cloud.pubsub..", "com.google.pubsub..")
                .because("runners report through io.crawlify.worker.report.Reporter; Pub/Sub is an adapter")
                .check(WORKER);
    }

    @Test
    void phaseIsRendererNeutral() {
        noClasses().that().resideInAPackage("..worker.phase..")
                .should().dependOnClassesThat().resideInAnyPackage("..worker.browser..", "..worker.http..")
                .because("both renderers plug into the phase runner, not the other way round")
                .check(WORKER);
    }
}
