package dev.ponte;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The layering of shared/architecture.md, enforced on the production classes. */
@AnalyzeClasses(packages = "dev.ponte", importOptions = {ImportOption.DoNotIncludeTests.class,
        ArchitectureTest.NoTestClasses.class})
class ArchitectureTest {
    /** Also with -Dponte.build.dir=target-x, where ArchUnit's own pattern (target/test-classes) does not match. */
    static final class NoTestClasses implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule coreKnowsNoToolkitOrAdapterLibrary = noClasses()
            .that().resideInAPackage("dev.ponte.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javafx..", "java.awt..", "io.fabric8..", "com.github.dockerjava..");

    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..");

    @ArchTest
    static final ArchRule layersAreCrossedOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("app").definedBy("dev.ponte.app..")
            .layer("ui").definedBy("dev.ponte.ui..")
            .layer("kube").definedBy("dev.ponte.kube..")
            .layer("docker").definedBy("dev.ponte.docker..")
            .layer("core").definedBy("dev.ponte.core..")
            .whereLayer("app").mayNotBeAccessedByAnyLayer()
            .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
            .whereLayer("kube").mayOnlyBeAccessedByLayers("app")
            .whereLayer("docker").mayOnlyBeAccessedByLayers("app")
            .whereLayer("core").mayOnlyBeAccessedByLayers("app", "ui", "kube", "docker");

    @ArchTest
    static final ArchRule awtStaysInTheTrayPackage = noClasses()
            .that().resideOutsideOfPackage("dev.ponte.ui.tray..")
            .should().dependOnClassesThat().resideInAnyPackage("java.awt..");

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noFxml = noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx.fxml..");
}
