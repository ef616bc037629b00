package io.crawlify.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The model stays plain and acyclic: records, validation, expressions; no runtime beans, no service code. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crawlify.model");

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.crawlify.model.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theModelUsesNoServiceOrRuntimeCode() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.crawlify.orchestrator..",
                "io.crawlify.worker..", "io.crawlify.runtime..", "io.vertx..", "io.smallrye.mutiny..",
                "jakarta.enterprise..", "com.google.cloud..")
                .check(MAIN);
    }
}
