package io.operatorconnect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the routing core free of frameworks and the engine behind the {@code process} package. */
@AnalyzeClasses(packages = "io.operatorconnect", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest
  static final ArchRule routingDependsOnlyOnTheJdk = classes()
      .that().resideInAPackage("io.operatorconnect.routing..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.operatorconnect.routing..")
      .because("the routing core is plain Java: no Spring, no Camunda, no Jackson, no other feature (STYLE.md)");

  @ArchTest
  static final ArchRule onlyTheProcessAndSecurityPackagesUseTheEngine = noClasses()
      .that().resideOutsideOfPackages("io.operatorconnect.process..", "io.operatorconnect.security..")
      .should().dependOnClassesThat().resideInAPackage("org.camunda..")
      .because("the other features reach the engine through interfaces such as DialogProcess; security signs"
          + " users in against the engine's identity service and into its webapps");
}
