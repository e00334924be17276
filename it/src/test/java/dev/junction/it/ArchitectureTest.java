package dev.junction.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of docs/architecture.md, kept by the build. */
class ArchitectureTest {

  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.junction");
    if (production.size() < 50) {
      throw new AssertionError(
          "too few classes imported (" + production.size() + "): the rules would check nothing");
    }
  }

  @Test
  void onlyTheNetlinkModuleUsesTheForeignFunctionApi() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.junction.netlink..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.lang.foreign..")
        .check(production);
  }

  @Test
  void theKernelInterfaceDependsOnNoImplementation() {
    noClasses()
        .that()
        .resideInAPackage("dev.junction.kernel..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.junction.netlink..", "dev.junction.testkit..", "dev.junction.bench..")
        .check(production);
  }

  @Test
  void nothingButBenchmarksAndTestsDependsOnTheTestkit() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.junction.kernel..", "dev.junction.netlink..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.junction.testkit..")
        .check(production);
  }

  @Test
  void theEngineSeesTheKernelOnlyThroughItsInterfaces() {
    noClasses()
        .that()
        .resideInAPackage("dev.junction.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.junction.netlink..", "dev.junction.testkit..", "dev.junction.bench..")
        .check(production);
  }

  @Test
  void driversDoNotReachIntoTheController() {
    noClasses()
        .that()
        .resideInAPackage("dev.junction.core.driver..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.junction.core.controller..", "dev.junction.core.ipam..")
        .check(production);
  }

  @Test
  void theEngineKnowsNothingOfTheDaemonOrItsClients() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.junction.core..", "dev.junction.kernel..", "dev.junction.netlink..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.junction.daemon..", "dev.junction.cli..")
        .check(production);
  }

  @Test
  void theDaemonUsesNoTestkitAndTheApiLayerNoEngineInternals() {
    noClasses()
        .that()
        .resideInAPackage("dev.junction.daemon..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.junction.testkit..", "dev.junction.bench..", "dev.junction.cli..")
        .check(production);
    noClasses()
        .that()
        .resideInAPackage("dev.junction.daemon.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.junction.core.controller..",
            "dev.junction.core.driver..",
            "dev.junction.netlink..")
        .check(production);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.junction.(**)").should().beFreeOfCycles().check(production);
  }
}
