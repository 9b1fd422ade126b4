package fr.vigie.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The architecture as tests: pure modules stay free of frameworks, features reach each other only
 * through their public root package, and features do not depend on each other in a cycle.
 */
class ModuleBoundariesTest {

  private static final JavaClasses VIGIE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("fr.vigie");

  @Test
  void pureModulesNeverImportSpringOrJakarta() {
    noClasses().that().resideInAnyPackage("fr.vigie.hashing..", "fr.vigie.formats..", "fr.vigie.geo..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "jakarta..", "fr.vigie.app..")
        .because("vigie-hashing, vigie-formats and vigie-geo are pure Java libraries")
        .check(VIGIE);
  }

  @Test
  void featuresNeverReachIntoAnotherFeaturesInternals() {
    for (String feature : features()) {
      noClasses().that().resideOutsideOfPackage("fr.vigie.app." + feature + "..")
          .should().dependOnClassesThat()
          .resideInAPackage("fr.vigie.app." + feature + ".internal..")
          .because("a feature's repositories, SQL and controllers are its own; others call its "
              + "public service")
          .check(VIGIE);
    }
  }

  @Test
  void featuresHaveNoDependencyCycles() {
    slices().matching("fr.vigie.app.(*)..").should().beFreeOfCycles().check(VIGIE);
  }

  @Test
  void findsTheFeaturesItGuards() {
    Set<String> found = features();
    for (String expected : new String[] {"intake", "matching", "security", "units", "web"}) {
      if (!found.contains(expected)) {
        throw new AssertionError("feature " + expected + " not found among " + found);
      }
    }
  }

  private static Set<String> features() {
    Set<String> features = new TreeSet<>();
    VIGIE.stream()
        .map(c -> c.getPackageName())
        .filter(p -> p.startsWith("fr.vigie.app."))
        .map(p -> p.substring("fr.vigie.app.".length()).split("\\.")[0])
        .forEach(features::add);
    return features;
  }
}
