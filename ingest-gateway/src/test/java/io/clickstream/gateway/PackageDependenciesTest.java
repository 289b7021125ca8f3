package io.clickstream.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages import one way: no package imports one that imports it back, the wiring
 * ({@link GatewayBeans}) sits on top, and the pure packages do not reach for the configuration.
 */
class PackageDependenciesTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.clickstream.gateway");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.clickstream.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void theBuildingBlocksDoNotDependOnTheConfiguration() {
        noClasses().that().resideInAnyPackage("..gateway.enrich..", "..gateway.publish..", "..gateway.health..",
                        "..gateway.dedup..", "..gateway.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("..gateway.config..")
                .check(GATEWAY);
    }

    @Test
    void nothingDependsOnTheWiring() {
        noClasses().that().resideOutsideOfPackage("io.clickstream.gateway")
                .should().dependOnClassesThat().haveFullyQualifiedName(GatewayBeans.class.getName())
                .check(GATEWAY);
    }
}
