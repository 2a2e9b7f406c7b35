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
            .layer("cli").definedBy("dev.ponte.cli..")
            .layer("core").definedBy("dev.ponte.core..")
            .whereLayer("app").mayNotBeAccessedByAnyLayer()
            .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
            .whereLayer("kube").mayOnlyBeAccessedByLayers("app")
            .whereLayer("docker").mayOnlyBeAccessedByLayers("app")
            .whereLayer("cli").mayOnlyBeAccessedByLayers("app")
            .whereLayer("core").mayOnlyBeAccessedByLayers("app", "ui", "kube", "docker", "cli");

    /** The command line is a second face of the core beside the window: no UI toolkit, no window code, no adapters. */
    @ArchTest
    static final ArchRule commandLineKnowsNoToolkitWindowOrAdapter = noClasses()
            .that().resideInAPackage("dev.ponte.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "dev.ponte.ui..",
                    "dev.ponte.kube..", "dev.ponte.docker..", "io.fabric8..", "com.github.dockerjava..");

    @ArchTest
    static final ArchRule coreKnowsNoCommandLine = noClasses()
            .that().resideInAPackage("dev.ponte.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ponte.cli..", "picocli..");

    @ArchTest
    static final ArchRule awtStaysInTheTrayPackage = noClasses()
            .that().resideOutsideOfPackage("dev.ponte.ui.tray..")
            .should().dependOnClassesThat().resideInAnyPackage("java.awt..");

    /** Only the command line's terminal writes to the process's standard streams (its output is its job); all else logs. */
    @ArchTest
    static final ArchRule noStandardStreams = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.ponte.cli.Terminal")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("output goes through the logger; the command line writes through dev.ponte.cli.Terminal");

    @ArchTest
    static final ArchRule noFxml = noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx.fxml..");
}
