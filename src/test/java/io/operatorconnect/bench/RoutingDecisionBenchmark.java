package io.operatorconnect.bench;

import io.operatorconnect.operator.OperatorSelector;
import io.operatorconnect.routing.Decision;
import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.routing.RoutingRequest;
import io.operatorconnect.testsupport.OperatorPopulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * JMH: one routing decision ({@link OperatorSelector#decide}: reading the operators who could take
 * the dialog and ranking them) with 10, 1,000 and 10,000 operators in the database, in a transaction
 * as the connect action makes it. Nothing is reserved, so every call sees the same operators.
 * <p>
 * The operators are mixed as in a real desk ({@link OperatorPopulation}: statuses, subjects, general
 * and channel limits, some full). The dialog asks for subject {@code s1} on telegram with the
 * default method. With {@code closedDialogs}, the operators' CLOSED dialogs are in the database too.
 * <p>
 * Run alone with {@code ./mvnw -B -q exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath io.operatorconnect.bench.RoutingDecisionBenchmark"}; the suite
 * ({@code -Pbench}) calls {@link #medianMicros}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingDecisionBenchmark {

  @Param({"10", "1000", "10000"})
  int operators;

  @Param({"FEWEST_DIALOGS_THEN_IDLE"})
  DistributionMethod method;

  @Param({"h2"})
  String db;

  /** CLOSED dialogs of those operators in the database as well: the history a desk keeps. */
  @Param({"0"})
  int closedDialogs;

  private BenchApplication app;
  private OperatorSelector selector;
  private TransactionTemplate transaction;
  private RoutingRequest request;

  @Setup(Level.Trial)
  public void start() {
    BenchApplication.Database database = BenchApplication.Database.valueOf(db.toUpperCase(Locale.ROOT));
    String purpose = "select-" + operators + (closedDialogs > 0 ? "-closed-" + closedDialogs : "");
    app = BenchApplication.start(database, purpose, emptyProcessesFolder(), List.of());
    JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
    Random random = new Random(42);
    List<String> ids = OperatorPopulation.insert(jdbc, operators, random);
    OperatorPopulation.insertClosedDialogs(jdbc, ids, closedDialogs, random);
    // Statistics as a desk that has run a while has them (PostgreSQL's autovacuum keeps them), not
    // those of the empty tables the batch filled a moment ago: the planner chooses by them.
    jdbc.execute("ANALYZE");
    selector = app.bean(OperatorSelector.class);
    transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
    request = new RoutingRequest("telegram", "s1", null, method, true, null);
    if (!(decide() instanceof Decision.Assigned)) {
      throw new IllegalStateException("the benchmark's population must have a free operator for the request");
    }
  }

  @Benchmark
  public Decision decide() {
    return transaction.execute(status -> selector.decide(request, null));
  }

  @TearDown(Level.Trial)
  public void stop() {
    app.close();
  }

  /**
   * Runs the benchmark in forked JVMs and returns the median microseconds of one decision with the
   * default method, by operator count, with no closed dialogs.
   */
  public static SortedMap<Integer, Double> medianMicros(BenchApplication.Database database) {
    String db = database.name().toLowerCase(Locale.ROOT);
    return medians(run(decideOptions(db, DistributionMethod.DEFAULT.name()).build()));
  }

  /**
   * The same with {@code operators} operators and {@code closedDialogs} CLOSED dialogs of theirs in the
   * database: a decision must not read the dialogs an operator once had, only the open ones.
   */
  public static double medianMicrosWithHistory(BenchApplication.Database database, int operators, int closedDialogs) {
    Options options = decideOptions(database.name().toLowerCase(Locale.ROOT), DistributionMethod.DEFAULT.name())
        .param("operators", Integer.toString(operators))
        .param("closedDialogs", Integer.toString(closedDialogs))
        .build();
    Double median = medians(run(options)).get(operators);
    if (median == null) {
      throw new IllegalStateException("RoutingDecisionBenchmark gave no figure for " + operators + " operators and "
          + closedDialogs + " closed dialogs");
    }
    return median;
  }

  public static void main(String[] args) {
    String db = BenchApplication.Database.chosen().name().toLowerCase(Locale.ROOT);
    String methods = System.getProperty("bench.methods", DistributionMethod.DEFAULT.name());
    Options options = decideOptions(db, methods.split(",")).build();
    for (RunResult result : run(options)) {
      System.out.printf("%s operators, %s: median %.1f us%n", result.getParams().getParam("operators"),
          result.getParams().getParam("method"), result.getPrimaryResult().getStatistics().getPercentile(50));
    }
  }

  /** The options of {@link #decide} on that database with those methods; the rest as annotated. */
  private static ChainedOptionsBuilder decideOptions(String db, String... methods) {
    return new OptionsBuilder()
        .include(RoutingDecisionBenchmark.class.getName() + ".decide")
        .param("db", db)
        .param("method", methods);
  }

  private static Collection<RunResult> run(Options options) {
    try {
      return new Runner(options).run();
    } catch (RunnerException e) {
      throw new IllegalStateException("the routing-decision benchmark failed", e);
    }
  }

  private static SortedMap<Integer, Double> medians(Collection<RunResult> results) {
    SortedMap<Integer, Double> medians = new TreeMap<>();
    for (RunResult result : results) {
      medians.put(Integer.parseInt(result.getParams().getParam("operators")),
          result.getPrimaryResult().getStatistics().getPercentile(50));
    }
    return medians;
  }

  private static Path emptyProcessesFolder() {
    try {
      return Files.createDirectories(BenchApplication.OUTPUT.resolve("no-processes"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
