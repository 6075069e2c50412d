package io.asyncscenarios;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The packages depend one way, downward, through the layers the README draws under "How it is built".
 * A package may use its own layer and the ones below; two packages of one layer may not use each other
 * both ways.
 */
class ArchitectureTest {

  private static final String ROOT = "io.asyncscenarios";

  /** Top to bottom, each layer's packages as ArchUnit package patterns. */
  private static final List<String[]> LAYERS = List.of(
    new String[] {ROOT},                                                     // launch
    new String[] {ROOT + ".report.."},                                       // reports
    new String[] {ROOT + ".runner.."},                                       // run
    new String[] {ROOT + ".config.."},                                       // configuration
    new String[] {ROOT + ".catalog.."},                                      // catalogue
    new String[] {ROOT + ".scenario.."},                                     // scenarios
    new String[] {ROOT + ".task..", ROOT + ".io..", ROOT + ".cluster..",     // what scenarios use
      ROOT + ".debug..", ROOT + ".claim.."},
    new String[] {ROOT + ".record.."},                                       // recording
    new String[] {ROOT + ".param..", ROOT + ".text.."});                     // typed values, printable text

  private static final JavaClasses CLASSES = new ClassFileImporter()
    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
    .importPackages(ROOT);

  @Test
  void eachLayerUsesOnlyItselfAndTheLayersBelow() {
    assertFalse(CLASSES.isEmpty(), "no classes found to check");
    for (int i = 1; i < LAYERS.size(); i++) {
      String[] above = LAYERS.subList(0, i).stream().flatMap(Arrays::stream).toArray(String[]::new);
      noClasses().that().resideInAnyPackage(LAYERS.get(i))
        .should().dependOnClassesThat().resideInAnyPackage(above)
        .check(CLASSES);
    }
  }

  @Test
  void noPackagesUseEachOther() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void everyPackageHasALayer() {
    noClasses().should().resideOutsideOfPackages(LAYERS.stream().flatMap(Arrays::stream).toArray(String[]::new))
      .check(CLASSES);
  }
}
