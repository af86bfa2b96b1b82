package io.operatorconnect.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.testsupport.AssignmentAudit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * The whole benchmark in one command, {@code ./mvnw -B -Pbench verify} (see the {@code bench} profile in
 * {@code pom.xml}): on the embedded H2, or on PostgreSQL with {@code -Dbench.db=postgres}. Three phases,
 * each on a fresh application and database:
 * <ol>
 *   <li>select: one routing decision with 10, 1,000 and 10,000 operators in the database, and with
 *       10,000 operators and {@value #SELECT_CLOSED_DIALOGS} closed dialogs of theirs (JMH,
 *       {@link RoutingDecisionBenchmark});</li>
 *   <li>throughput: the full flow against a bare process of the same shape, and the engine alone on the
 *       full flow's diagram ({@link FlowThroughput}, {@link EngineFloor});</li>
 *   <li>latency: assign and drain, one dialog at a time, with 1,000 operators in the database
 *       ({@link RoutingLatency}).</li>
 * </ol>
 * Prints a table and writes {@code target/bench/result.json}. Nothing here judges a figure: the targets
 * are printed beside them for the reader. It fails only when the work was not done (a flow unfinished, a
 * dialog left open).
 */
public final class BenchmarkSuite {

  static final Path RESULT = BenchApplication.OUTPUT.resolve("result.json");
  private static final List<Integer> SELECT_OPERATORS = List.of(10, 1000, 10000);
  /** The decision with 10,000 operators again, with this many closed dialogs of theirs in the database. */
  static final int SELECT_CLOSED_DIALOGS = 100_000;
  private static final String SELECT_WITH_HISTORY = "select_us_10000_closed_" + SELECT_CLOSED_DIALOGS;

  private BenchmarkSuite() {
  }

  public static void main(String[] args) {
    try {
      run();
    } catch (Throwable failed) {
      failed.printStackTrace();
      // A non-zero exit fails the Maven build; exit at once, whatever threads a failed phase left behind.
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run() throws IOException {
    BenchApplication.Database database = BenchApplication.Database.chosen();
    Files.createDirectories(BenchApplication.OUTPUT);
    say("Benchmark on " + database.name().toLowerCase(Locale.ROOT) + ", " + cores() + " cores; application logs in "
        + BenchApplication.OUTPUT.toAbsolutePath());

    say("1/3 select: one routing decision, JMH");
    SortedMap<Integer, Double> select = RoutingDecisionBenchmark.medianMicros(database);
    for (Integer operators : SELECT_OPERATORS) {
      if (!select.containsKey(operators)) {
        throw new IllegalStateException("RoutingDecisionBenchmark gave no figure for " + operators + " operators: "
            + select);
      }
    }

    double selectWithHistory = RoutingDecisionBenchmark.medianMicrosWithHistory(database, 10000,
        SELECT_CLOSED_DIALOGS);

    FlowThroughput.Load load = FlowThroughput.Load.chosen();
    say("2/3 throughput: " + load.warmUpFlows() + " warm-up and " + load.measuredFlows() + " measured flows each,"
        + " baseline, full and engine floor, " + load.operatorThreads() + " operator thread(s)");
    FlowThroughput.Result throughput = FlowThroughput.measure(database, load);

    say("3/3 latency: " + RoutingLatency.WARM_UP + " warm-up and " + RoutingLatency.MEASURED
        + " measured samples each, assign and drain, " + BenchOperators.TOTAL + " operators");
    Latency latency = latency(database);

    Map<String, Object> result = result(database, select, selectWithHistory, throughput, latency);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(RESULT.toFile(), result);
    System.out.println();
    System.out.println(table(result));
    if (!throughput.otherViolations().isEmpty() || !latency.otherViolations().isEmpty()) {
      System.out.println("Other findings of the assignment audit:");
      throughput.otherViolations().forEach(finding -> System.out.println("  " + finding));
      latency.otherViolations().forEach(finding -> System.out.println("  " + finding));
    }
    System.out.println("Written to " + RESULT.toAbsolutePath());
  }

  /** The latency phase: the benchmark's scenario (subject support), 1,000 operators in the database. */
  private static Latency latency(BenchApplication.Database database) {
    try (BenchApplication app = BenchApplication.start(database, "latency", FlowThroughput.PROCESSES,
        List.of(AssignmentAudit.class))) {
      BenchOperators.create(app.bean(OperatorService.class), List.of(),
          BenchOperators.TOTAL - RoutingLatency.OPERATORS);
      AssignmentAudit audit = app.bean(AssignmentAudit.class);
      RoutingLatency.Samples samples = new RoutingLatency(app.bean(DialogService.class),
          app.bean(OperatorService.class), audit, FlowThroughput.FULL_SCENARIO, "support",
          Map.of("subject", "support")).measure();
      List<String> other = new ArrayList<>(audit.violations());
      other.removeAll(audit.limitViolations());
      return new Latency(samples, audit.limitViolations(), other, audit.assignedTwice());
    }
  }

  private record Latency(RoutingLatency.Samples samples, List<String> limitViolations, List<String> otherViolations,
      List<String> assignedTwice) {
  }

  /** The figures under the names of issue 6, then the extras that tell how they were made. */
  private static Map<String, Object> result(BenchApplication.Database database, SortedMap<Integer, Double> select,
      double selectWithHistory, FlowThroughput.Result throughput, Latency latency) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("baseline_flows_per_s", round(throughput.baseline().perSecond(), 1));
    result.put("full_flows_per_s", round(throughput.full().perSecond(), 1));
    result.put("ratio", round(throughput.ratio(), 3));
    result.put("assign_p50_ms", round(latency.samples().assign().millis(0.50), 2));
    result.put("assign_p99_ms", round(latency.samples().assign().millis(0.99), 2));
    result.put("drain_p50_ms", round(latency.samples().drain().millis(0.50), 2));
    result.put("drain_p99_ms", round(latency.samples().drain().millis(0.99), 2));
    result.put("limit_violations", throughput.limitViolations().size() + latency.limitViolations().size());
    result.put("double_assignments", throughput.assignedTwice().size() + latency.assignedTwice().size());
    for (Integer operators : SELECT_OPERATORS) {
      result.put("select_us_" + operators, round(select.get(operators), 2));
    }
    result.put("cores", cores());
    result.put("db", database.name().toLowerCase(Locale.ROOT));

    result.put(SELECT_WITH_HISTORY, round(selectWithHistory, 2));
    result.put("served_from_queue_share", round(throughput.servedFromQueueShare(), 3));
    // The engine alone on the full flow's diagram (EngineFloor): the most any routing could reach.
    result.put("floor_flows_per_s", round(throughput.floor().perSecond(), 1));
    result.put("floor_ratio", round(throughput.floorRatio(), 3));
    result.put("full_to_floor", round(throughput.fullToFloor(), 3));
    result.put("floor_served_from_queue_share",
        round(throughput.floor().queueShare(), 3));
    result.put("floor_jvm_cpu_ms_per_flow", round(throughput.floor().cpuMillisPerFlow(), 2));
    if (throughput.fullWithWebhook().flows() > 0) {
      // -Dbench.webhook=true: the full flow again, with a webhook on every channel, in the same run (BenchWebhook)
      result.put("full_webhook_flows_per_s", round(throughput.fullWithWebhook().perSecond(), 1));
      result.put("outbox_cut", round(throughput.outboxCut(), 3));
      result.put("outbox_cut_pairs_median", round(throughput.outboxCutMedian(), 3));
      double[] interval = throughput.outboxCutInterval();
      result.put("outbox_cut_pairs_median_95", interval == null ? null
          : List.of(round(interval[0], 3), round(interval[1], 3)));
      result.put("outbox_cut_pairs", throughput.outboxCutPairs().stream().map(cut -> round(cut, 3)).toList());
      result.put("outbox_cut_quiet_compiler_median", round(throughput.outboxCutQuietMedian(), 3));
      result.put("outbox_cpu_cut_at_equal_queue_share", round(throughput.outboxCpuCutAtEqualQueueShare(), 3));
      result.put("outbox_compiled_cpu_cut_at_equal_queue_share",
          round(throughput.outboxCompiledCpuCutAtEqualQueueShare(), 3));
      Map<String, Double> extra = new LinkedHashMap<>();
      throughput.outboxExtraMillisByThreads().forEach((group, millis) -> extra.put(group, round(millis, 3)));
      result.put("outbox_extra_ms_per_flow_by_threads", extra);
      result.put("outbox_cut_quiet_compiler_pairs", throughput.outboxCutQuietPairs().stream().map(cut -> round(cut, 3))
          .toList());
      result.put("full_webhook_jvm_cpu_ms_per_flow", round(throughput.fullWithWebhook().cpuMillisPerFlow(), 2));
      result.put("full_webhook_statements_per_flow", round(throughput.fullWithWebhook().statementsPerFlow(), 1));
      result.put("full_webhook_statements_immediate",
          round(throughput.fullWebhookPaths().immediate().statements(), 1));
      result.put("full_webhook_statements_queued", round(throughput.fullWebhookPaths().queued().statements(), 1));
    }
    result.put("other_audit_violations", throughput.otherViolations().size() + latency.otherViolations().size());
    result.put("assign_p90_ms", round(latency.samples().assign().millis(0.90), 2));
    result.put("drain_p90_ms", round(latency.samples().drain().millis(0.90), 2));
    result.put("baseline_flows", throughput.baseline().flows());
    result.put("full_flows", throughput.full().flows());
    result.put("baseline_seconds", round(throughput.baseline().wallNanos() / 1e9, 2));
    result.put("full_seconds", round(throughput.full().wallNanos() / 1e9, 2));
    result.put("baseline_jvm_cpu_share", round(throughput.baseline().cpuShare(), 3));
    result.put("full_jvm_cpu_share", round(throughput.full().cpuShare(), 3));
    result.put("baseline_jvm_cpu_ms_per_flow", round(throughput.baseline().cpuMillisPerFlow(), 2));
    result.put("full_jvm_cpu_ms_per_flow", round(throughput.full().cpuMillisPerFlow(), 2));
    // SQL statements per flow (StatementCount): the same comparison in a figure that no noise moves.
    result.put("baseline_statements_per_flow", round(throughput.baseline().statementsPerFlow(), 1));
    result.put("full_statements_per_flow", round(throughput.full().statementsPerFlow(), 1));
    result.put("floor_statements_per_flow", round(throughput.floor().statementsPerFlow(), 1));
    result.put("ratio_by_statements",
        round(throughput.baseline().statementsPerFlow() / throughput.full().statementsPerFlow(), 3));
    // The same per path, one flow at a time (PathStatements): comparable whatever a run's queue shares.
    result.put("baseline_statements_one_flow", round(throughput.baselinePath().statements(), 1));
    result.put("full_statements_immediate", round(throughput.fullPaths().immediate().statements(), 1));
    result.put("full_statements_queued", round(throughput.fullPaths().queued().statements(), 1));
    result.put("floor_statements_immediate", round(throughput.floorPaths().immediate().statements(), 1));
    result.put("floor_statements_queued", round(throughput.floorPaths().queued().statements(), 1));
    // What those statements are: by share (process variables, the engine's other tables, ours), and by kind.
    Map<String, PathStatements.Path> paths = paths(throughput);
    Map<String, Object> byShare = new LinkedHashMap<>();
    Map<String, Object> byKind = new LinkedHashMap<>();
    paths.forEach((name, path) -> {
      byShare.put(name, path.byShare());
      byKind.put(name, path.byKind());
    });
    result.put("path_statements_by_share", byShare);
    result.put("path_statements_by_kind", byKind);
    // The ratio as processor time per flow tells it, whatever share of the machine the JVM got (H2 only:
    // PostgreSQL's work is outside the JVM).
    result.put("ratio_by_jvm_cpu_time",
        round(throughput.baseline().cpuMillisPerFlow() / throughput.full().cpuMillisPerFlow(), 3));
    FlowThroughput.Load load = throughput.load();
    result.put("warm_up_flows", load.warmUpFlows());
    result.put("arrival_threads", load.arrivalThreads());
    result.put("operator_threads", load.operatorThreads());
    result.put("clients_at_once", load.clientsAtOnce());
    result.put("handling_ms_min", load.minHandlingMillis());
    result.put("handling_ms_max", load.maxHandlingMillis());
    result.put("operators", throughput.operators());
    result.put("online_operators", throughput.onlineOperators());
    result.put("online_slots", throughput.onlineSlots());
    result.put("latency_samples", RoutingLatency.MEASURED);
    result.put("latency_warm_up", RoutingLatency.WARM_UP);
    result.put("select_operators_counts", SELECT_OPERATORS);
    result.put("java_version", Runtime.version().toString());
    result.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    result.put("timestamp", Instant.now().toString());
    return result;
  }

  /** The paths measured one flow at a time, by the names {@code result.json} gives them. */
  private static Map<String, PathStatements.Path> paths(FlowThroughput.Result throughput) {
    Map<String, PathStatements.Path> paths = new LinkedHashMap<>();
    paths.put("baseline", throughput.baselinePath());
    paths.put("full_immediate", throughput.fullPaths().immediate());
    paths.put("floor_immediate", throughput.floorPaths().immediate());
    paths.put("full_queued", throughput.fullPaths().queued());
    paths.put("floor_queued", throughput.floorPaths().queued());
    return paths;
  }

  /** A markdown table of the figures of issue 6, with their targets (which are measured, not asserted). */
  private static String table(Map<String, Object> result) {
    String db = (String) result.get("db");
    StringBuilder table = new StringBuilder();
    table.append("Benchmark on ").append(db).append(", ").append(result.get("cores")).append(" cores, Java ")
        .append(result.get("java_version")).append(", ").append(result.get("operator_threads"))
        .append(" operator thread(s) in the throughput phase\n");
    table.append("| figure | value | target |\n|---|---|---|\n");
    row(table, "baseline flows/s (bare process, same engine, database and load)", result, "baseline_flows_per_s", "");
    row(table, "full flows/s (new dialog, routing, operator task, close, queue served)", result, "full_flows_per_s",
        "");
    row(table, "ratio full / baseline", result, "ratio", "h2".equals(db) ? ">= 0.6" : "");
    row(table, "share of dialogs served from the queue", result, "served_from_queue_share", "");
    row(table, "engine floor flows/s (the full flow's diagram, routing in memory)", result, "floor_flows_per_s", "");
    row(table, "floor ratio floor / baseline (the most any routing could reach)", result, "floor_ratio", "");
    row(table, "full / floor (what Operator Connect's own work leaves)", result, "full_to_floor", "");
    row(table, "floor's share served from the queue", result, "floor_served_from_queue_share", "");
    if (result.containsKey("outbox_cut")) {
      row(table, "full flows/s with a webhook on every channel (loopback receiver, same run)", result,
          "full_webhook_flows_per_s", "");
      row(table, "the outbox's cut of the full flow's rate (1 - with / without)", result, "outbox_cut", "<= 0.15");
      row(table, "the same, the median of the pairs of neighbouring batches", result, "outbox_cut_pairs_median",
          "<= 0.15");
      table.append("| the median's 95 % interval (from the pairs' order, no assumed spread) | ")
          .append(result.get("outbox_cut_pairs_median_95")).append(" |  |\n");
      table.append("| the pairs' cuts, in the order of the run | ").append(result.get("outbox_cut_pairs"))
          .append(" |  |\n");
      row(table, "the median of the pairs in which the JIT compiler was quiet in both batches (under "
          + FlowThroughput.QUIET_COMPILER + " of the time)", result, "outbox_cut_quiet_compiler_median", "<= 0.15");
      table.append("| those pairs' cuts | ").append(result.get("outbox_cut_quiet_compiler_pairs")).append(" |  |\n");
      row(table, "the cut in processor time per flow, both kinds at the same share served from the queue", result,
          "outbox_cpu_cut_at_equal_queue_share", "<= 0.15");
      row(table, "the same, the JIT compiler's threads left out (compiled code, as a server runs after its first"
          + " minutes)", result, "outbox_compiled_cpu_cut_at_equal_queue_share", "");
      table.append("| the webhook's extra ms per flow by threads, at the same queue share | ")
          .append(result.get("outbox_extra_ms_per_flow_by_threads")).append(" |  |\n");
      table.append("| with the webhook: JVM processor ms per flow; SQL statements per flow, in all; at once; queued | ")
          .append(result.get("full_webhook_jvm_cpu_ms_per_flow")).append("; ")
          .append(result.get("full_webhook_statements_per_flow")).append("; ")
          .append(result.get("full_webhook_statements_immediate")).append("; ")
          .append(result.get("full_webhook_statements_queued")).append(" |  |\n");
    }
    table.append("| JVM processor ms per flow, baseline / full / floor | ")
        .append(result.get("baseline_jvm_cpu_ms_per_flow")).append(" / ").append(result.get("full_jvm_cpu_ms_per_flow"))
        .append(" / ").append(result.get("floor_jvm_cpu_ms_per_flow")).append(" |  |\n");
    table.append("| SQL statements per flow, baseline / full / floor | ")
        .append(result.get("baseline_statements_per_flow")).append(" / ").append(result.get("full_statements_per_flow"))
        .append(" / ").append(result.get("floor_statements_per_flow")).append(" |  |\n");
    table.append("| SQL statements per flow by path, bare process; at once, full / floor; queued, full / floor | ")
        .append(result.get("baseline_statements_one_flow")).append("; ")
        .append(result.get("full_statements_immediate")).append(" / ").append(result.get("floor_statements_immediate"))
        .append("; ").append(result.get("full_statements_queued")).append(" / ")
        .append(result.get("floor_statements_queued")).append(" |  |\n");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Long>> byShare = (Map<String, Map<String, Long>>) result.get("path_statements_by_share");
    for (String share : List.of(PathStatements.VARIABLES, PathStatements.ENGINE, PathStatements.OURS)) {
      table.append("| of them: ").append(share).append(" | ").append(byShare.get("baseline").get(share)).append("; ")
          .append(byShare.get("full_immediate").get(share)).append(" / ")
          .append(byShare.get("floor_immediate").get(share)).append("; ")
          .append(byShare.get("full_queued").get(share)).append(" / ")
          .append(byShare.get("floor_queued").get(share)).append(" |  |\n");
    }
    row(table, "assign p50 ms (new dialog -> assigned, operator free)", result, "assign_p50_ms", "");
    row(table, "assign p99 ms", result, "assign_p99_ms", "h2".equals(db) ? "< 20" : "");
    row(table, "drain p50 ms (close -> next queued dialog assigned)", result, "drain_p50_ms", "");
    row(table, "drain p99 ms", result, "drain_p99_ms", "h2".equals(db) ? "< 50" : "");
    row(table, "limit violations", result, "limit_violations", "0");
    row(table, "double assignments", result, "double_assignments", "0");
    row(table, "select us, 10 operators (median)", result, "select_us_10", "");
    row(table, "select us, 1,000 operators (median)", result, "select_us_1000", "");
    row(table, "select us, 10,000 operators (median)", result, "select_us_10000",
        "<= " + round(2 * ((Number) result.get("select_us_10")).doubleValue(), 2) + " (2 x 10 operators)");
    row(table, "select us, 10,000 operators and " + String.format(Locale.ROOT, "%,d", SELECT_CLOSED_DIALOGS)
        + " closed dialogs (median)", result, SELECT_WITH_HISTORY, "");
    return table.toString();
  }

  private static void row(StringBuilder table, String name, Map<String, Object> result, String key, String target) {
    table.append("| ").append(name).append(" | ").append(result.get(key)).append(" | ").append(target).append(" |\n");
  }

  private static double round(double value, int decimals) {
    if (Double.isNaN(value)) {
      return value; // not 0: a figure with nothing behind it stays without a value
    }
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static void say(String line) {
    System.out.println("[bench] " + line);
  }
}
