package io.operatorconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.PostgresAvailable;
import io.operatorconnect.testsupport.cluster.ClusterInvariants;
import io.operatorconnect.testsupport.cluster.ClusterLoad;
import io.operatorconnect.testsupport.cluster.ClusterNode;
import io.operatorconnect.testsupport.cluster.FreshPostgresDatabase;
import io.operatorconnect.testsupport.cluster.JvmNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prints how many dialogs per second one node and two nodes route on one PostgreSQL, in the same run
 * under the same load. Clients start dialogs of the example scenario over HTTP from many threads, each
 * request to a random node. Two loads:
 * <ul>
 *   <li>free operators: eight operators with room for every dialog, so each dialog is routed by the
 *       connect action at once;</li>
 *   <li>busy operators: the same eight with 24 slots between them, closing their dialogs after 0 to
 *       3 ms on random nodes, so most dialogs wait in the queue and are served when a slot frees.</li>
 * </ul>
 * Each node is a JVM of its own with the JVM's defaults and production's history level. Also prints
 * the slot-leak and limit-violation counts seen by {@link ClusterInvariants} during the runs.
 * <p>
 * Not part of the default test run (surefire excludes *Benchmark); run it with
 * {@code ./mvnw -B test -Dtest=ClusterThroughputBenchmark}. It asserts only that the work was done.
 */
@ExtendWith(PostgresAvailable.class)
class ClusterThroughputBenchmark {

  private static final int WARM_UP = 300;
  private static final int MEASURED = 1000;
  private static final int CLIENT_THREADS = 16;
  private static final int SLOTS_EACH = 3;
  private static final List<String> OPERATORS = List.of("o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8");
  private static final String[] PRODUCTION_HISTORY = {"--camunda.bpm.history-level=audit"};

  @Test
  void measureDialogsPerSecondWithOneAndTwoNodes() throws Exception {
    List<String> results = new ArrayList<>();
    try (var database = FreshPostgresDatabase.create("throughput");
        var nodeA = JvmNode.launch("nodeA", JvmNode.PRODUCTION_JVM, database, PRODUCTION_HISTORY).awaitReady()) {
      JdbcClient db = database.jdbc();
      try (var invariants = new ClusterInvariants(db).start(Duration.ofMillis(50))) {
        try (var load = new ClusterLoad(db, List.of(nodeA))) {
          for (String operator : OPERATORS) {
            load.operator(operator, SLOTS_EACH, operator.equals("o1") ? Map.of("telegram", 1) : Map.of());
          }
        }
        measure(db, List.of(nodeA), results);
        try (var nodeB = JvmNode.launch("nodeB", JvmNode.PRODUCTION_JVM, database, PRODUCTION_HISTORY)
            .awaitReady()) {
          measure(db, List.of(nodeA, nodeB), results);
        }
        int leaked = db.sql("SELECT COALESCE(SUM(active_dialogs), 0) FROM oc_operator").query(Integer.class).single();
        System.out.println();
        System.out.println("Dialogs routed per second on PostgreSQL, " + Runtime.getRuntime().availableProcessors()
            + " cores, " + CLIENT_THREADS + " client threads, " + MEASURED + " dialogs per figure (after "
            + WARM_UP + " warm-up)");
        System.out.println("| nodes | operators free: dialogs/s | operators busy (24 slots): dialogs/s |");
        System.out.println("|---|---|---|");
        results.forEach(System.out::println);
        System.out.println("slots leaked at the end: " + leaked + "; invariant violations: "
            + invariants.violations().size() + " in " + invariants.samples() + " checks");
        assertThat(leaked).isZero();
        assertThat(invariants.violations()).isEmpty();
      }
    }
  }

  private static void measure(JdbcClient db, List<? extends ClusterNode> nodes, List<String> results)
      throws Exception {
    setLimits(nodes.get(0), 1000);
    run(db, nodes, WARM_UP, false);
    String free = run(db, nodes, MEASURED, false);
    setLimits(nodes.get(0), SLOTS_EACH);
    run(db, nodes, WARM_UP, true);
    String busy = run(db, nodes, MEASURED, true);
    results.add("| " + nodes.size() + " | " + free + " | " + busy + " |");
  }

  private static void setLimits(ClusterNode node, int maxDialogs) {
    for (String operator : OPERATORS) {
      node.api().patch("/api/operators/" + operator, Map.of("maxDialogs", maxDialogs)).assertStatus(200);
    }
  }

  /**
   * Starts {@code dialogs} dialogs, operators closing them meanwhile or not, and returns the
   * assignments per second until the last one; then closes whatever is left, untimed.
   */
  private static String run(JdbcClient db, List<? extends ClusterNode> nodes, int dialogs, boolean closing)
      throws Exception {
    int before = db.sql("SELECT COUNT(*) FROM oc_dialog").query(Integer.class).single();
    try (var load = new ClusterLoad(db, nodes)) {
      if (closing) {
        load.startClosing(OPERATORS);
      }
      long start = System.nanoTime();
      load.startDialogs(dialogs, CLIENT_THREADS).get(10, TimeUnit.MINUTES);
      await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> db
          .sql("SELECT COUNT(*) FROM oc_dialog WHERE assigned_at IS NOT NULL").query(Integer.class).single()
          >= before + dialogs);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!closing) {
        load.startClosing(OPERATORS);
      }
      await().atMost(Duration.ofMinutes(5)).until(() -> db
          .sql("SELECT COUNT(*) FROM oc_dialog WHERE state <> 'CLOSED'").query(Integer.class).single() == 0);
      load.stopClosing();
      return String.format("%.0f", dialogs / seconds);
    }
  }
}
