package io.crawlify.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The shared runtime serves both services and depends on neither. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crawlify.runtime");

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.crawlify.runtime.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void dependsOnNeitherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.crawlify.orchestrator..",
                "io.crawlify.worker..").check(MAIN);
    }
}
