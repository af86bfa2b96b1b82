package io.operatorconnect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.HistoryLevel;

/**
 * Keeps the routing core free of frameworks, the engine behind the {@code process} package, and the features
 * in one direction. From the bottom up: {@code routing} (plain Java); {@code system} (what every feature may
 * use); {@code security}, {@code settings} and {@code channel}, which know no feature (who signs in, the
 * panel's settings, what reaches the client; the web chat's channel hands out the tokens security checks);
 * {@code operator}; {@code dialog}, whose dialogs are given to
 * operators; {@code queue}, which serves waiting dialogs to operators; and on top {@code process} (the
 * engine's side) and {@code panel} (the pages and their live events), which nothing uses. A lower feature
 * tells a higher one what happened by publishing a fact (SlotFreed, DialogQueued, ...), or answers through a
 * port it declares (WaitEstimates); it never imports it.
 */
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

  @ArchTest
  static final ArchRule noCyclesBetweenFeatures = slices().matching("io.operatorconnect.(*)..")
      .should().beFreeOfCycles()
      .because("a feature tells another what happened by publishing a fact; it does not reach back into it");

  @ArchTest
  static final ArchRule featuresDependDownwardOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("routing").definedBy("io.operatorconnect.routing..")
      .layer("system").definedBy("io.operatorconnect.system..")
      .layer("security").definedBy("io.operatorconnect.security..")
      .layer("settings").definedBy("io.operatorconnect.settings..")
      .layer("channel").definedBy("io.operatorconnect.channel..")
      .layer("operator").definedBy("io.operatorconnect.operator..")
      .layer("dialog").definedBy("io.operatorconnect.dialog..")
      .layer("queue").definedBy("io.operatorconnect.queue..")
      .layer("process").definedBy("io.operatorconnect.process..")
      .layer("panel").definedBy("io.operatorconnect.panel..")
      .layer("stats").definedBy("io.operatorconnect.stats..")
      .whereLayer("panel").mayNotBeAccessedByAnyLayer()
      .whereLayer("stats").mayNotBeAccessedByAnyLayer()
      .whereLayer("process").mayNotBeAccessedByAnyLayer()
      .whereLayer("queue").mayOnlyBeAccessedByLayers("process", "panel")
      .whereLayer("dialog").mayOnlyBeAccessedByLayers("queue", "process", "panel")
      .whereLayer("operator").mayOnlyBeAccessedByLayers("dialog", "queue", "process", "panel")
      .whereLayer("channel").mayOnlyBeAccessedByLayers("dialog", "queue", "process", "panel")
      .whereLayer("settings").mayOnlyBeAccessedByLayers("operator", "dialog", "queue", "process", "panel")
      .whereLayer("security").mayOnlyBeAccessedByLayers("channel", "operator", "dialog", "queue", "process",
          "panel")
      .whereLayer("system").mayOnlyBeAccessedByLayers("security", "settings", "channel", "operator", "dialog",
          "queue", "process", "panel", "stats");

  /** A documented extension point of the engine, or a class inside one (a problem record of a parse listener). */
  private static final DescribedPredicate<JavaClass> EXTENSION_POINTS =
      new DescribedPredicate<>("engine extension points (plugins, BPMN parse listeners, history levels)") {
        @Override
        public boolean test(JavaClass type) {
          JavaClass outermost = type;
          while (outermost.getEnclosingClass().isPresent()) {
            outermost = outermost.getEnclosingClass().get();
          }
          return Stream.of(ProcessEnginePlugin.class, BpmnParseListener.class, HistoryLevel.class)
              .anyMatch(outermost::isAssignableTo);
        }
      };

  @ArchTest
  static final ArchRule engineInternalsSitInOneAdapter = noClasses()
      .that().doNotHaveFullyQualifiedName("io.operatorconnect.process.EngineInternals")
      .and(DescribedPredicate.not(EXTENSION_POINTS))
      .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..")
      .because("the engine's internal classes are outside its compatibility promise: their uses sit in"
          + " process.EngineInternals, each with the public API it stands for and a test (EngineInternalsTests);"
          + " elsewhere only the engine's documented extension points extend them");
}
