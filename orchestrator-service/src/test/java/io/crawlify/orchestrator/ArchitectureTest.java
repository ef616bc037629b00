package io.crawlify.orchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The orchestrator's seams, read from its compiled classes: packages form no cycle, only messaging speaks Pub/Sub,
 * and the engine knows nothing of the API side. A change that breaks one fails here, naming the dependency.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crawlify.orchestrator");

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.crawlify.orchestrator.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void onlyMessagingUsesTheMessagingAdaptersOrPubSub() {
        noClasses().that().resideOutsideOfPackage("..orchestrator.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("..orchestrator.messaging..",
                        "com.google.cloud.pubsub..", "com.google.pubsub..", "io.crawlify.runtime.pubsub..",
                        "io.quarkiverse.googlecloudservices.pubsub..")
                .check(MAIN);
    }

    @Test
    void theEngineKnowsNothingOfTheApiSide() {
        noClasses().that().resideInAPackage("..orchestrator.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("..orchestrator.execution..",
                        "..orchestrator.workflow..", "..orchestrator.trigger..", "..orchestrator.credential..",
                        "..orchestrator.breaker..", "..orchestrator.template..", "..orchestrator.auth..",
                        "jakarta.ws.rs..")
                .check(MAIN);
    }

    @Test
    void theEngineAsksFanOutStepsNotForCrawls() {
        noClasses().that().resideInAPackage("io.crawlify.orchestrator.engine")
                .should().dependOnClassesThat().resideInAnyPackage("..orchestrator.engine.crawl..",
                        "io.crawlify.model.crawl..")
                .check(MAIN);
    }
}
