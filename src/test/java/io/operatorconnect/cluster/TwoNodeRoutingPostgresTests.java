package io.operatorconnect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.PostgresAvailable;
import io.operatorconnect.testsupport.cluster.ClusterInvariants;
import io.operatorconnect.testsupport.cluster.ClusterLoad;
import io.operatorconnect.testsupport.cluster.FreshPostgresDatabase;
import io.operatorconnect.testsupport.cluster.InProcessNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes (two application contexts, each with its own engine, pool, dispatcher and web server) on
 * one PostgreSQL: hundreds of dialogs from many client threads on both nodes race for six slots while
 * operators close dialogs on both. Every assignment is checked inside its own transaction on the node
 * that makes it (limits, counters, queue order), and the database is checked continuously from
 * outside ({@link ClusterInvariants}).
 */
@ExtendWith(PostgresAvailable.class)
class TwoNodeRoutingPostgresTests {

  private static final int DIALOGS = 300;
  private static final int CLIENT_THREADS = 8;
  private static final int SLOTS = 6;

  @Test
  void shouldKeepEveryLimitAndTheQueueOrderAndAssignNoDialogTwiceWhenTwoNodesRouteAtOnce() throws Exception {
    try (var database = FreshPostgresDatabase.create("two_nodes");
        var nodeA = InProcessNode.start("nodeA", database);
        var nodeB = InProcessNode.start("nodeB", database);
        var invariants = new ClusterInvariants(database.jdbc()).start();
        var load = new ClusterLoad(database.jdbc(), List.of(nodeA, nodeB))) {
      JdbcClient db = database.jdbc();
      // given four operators with six slots between them, bob taking one telegram dialog at most
      List<String> operators = load.sixSlots();

      // when clients start 300 dialogs on both nodes while the operators close dialogs on both ...
      load.startClosing(operators);
      Future<?> clients = load.startDialogs(DIALOGS, CLIENT_THREADS);
      // ... until half of them were served; then the operators stop and the rest must wait in order
      await().atMost(Duration.ofMinutes(3)).until(() -> load.assigned() >= DIALOGS / 2);
      load.stopClosing();
      clients.get(3, TimeUnit.MINUTES);
      await().atMost(Duration.ofSeconds(30)).until(() -> load.count("TAKEN_OVER") == SLOTS);
      Thread.sleep(1500); // a sweep on each node: nothing more may move

      // then every dialog is served or still queued, and the queue is in order
      Map<String, Integer> states = load.states();
      assertThat(states.keySet()).containsOnly("CLOSED", "TAKEN_OVER", "QUEUED");
      assertThat(states.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(DIALOGS);
      assertThat(load.count("TAKEN_OVER")).isEqualTo(SLOTS);
      assertThat(load.count("QUEUED")).isEqualTo(DIALOGS - load.assigned()).isGreaterThan(DIALOGS / 3);
      assertQueueOrderKept(db);
      assertThat(nodeA.api().get("/api/queue").body().size()).isEqualTo(load.count("QUEUED"));

      // and when the operators get back to work, every dialog is served and closed
      load.startClosing(operators);
      await().atMost(Duration.ofMinutes(3)).until(() -> load.count("CLOSED") == DIALOGS);
      load.stopClosing();

      // then no limit was ever broken, no dialog was assigned twice, no slot leaked, and both nodes routed
      assertThat(nodeA.audit().violations()).isEmpty();
      assertThat(nodeB.audit().violations()).isEmpty();
      assertThat(invariants.violations()).isEmpty();
      assertThat(invariants.samples()).isPositive();
      assertThat(nodeA.audit().assignedTwice()).isEmpty();
      assertThat(nodeB.audit().assignedTwice()).isEmpty();
      assertThat(nodeA.audit().committedAssignments() + nodeB.audit().committedAssignments()).isEqualTo(DIALOGS);
      assertThat(nodeA.audit().committedAssignments()).isPositive();
      assertThat(nodeB.audit().committedAssignments()).isPositive();
      assertThat(load.operatorTasksPerDialog()).containsOnly(1);
      assertThat(db.sql("SELECT SUM(active_dialogs) FROM oc_operator").query(Integer.class).single()).isZero();
      System.out.printf("two nodes: %d dialogs, %d assigned by node A, %d by node B, %d invariant checks%n",
          DIALOGS, nodeA.audit().committedAssignments(), nodeB.audit().committedAssignments(), invariants.samples());
    }
  }

  /**
   * No dialog served from the queue was queued after a dialog with the same needs (here: the channel)
   * that still waits, beyond the moment between stamping and committing a queue entry.
   */
  private static void assertQueueOrderKept(JdbcClient db) {
    for (String channel : List.of("telegram", "webchat")) {
      Instant lastServed = db.sql("SELECT MAX(queued_at) FROM oc_dialog WHERE channel = ? AND state <> 'QUEUED'")
          .param(channel).query(java.time.OffsetDateTime.class).optional().map(java.time.OffsetDateTime::toInstant)
          .orElse(Instant.MIN);
      Instant firstWaiting = db.sql("SELECT MIN(queued_at) FROM oc_dialog WHERE channel = ? AND state = 'QUEUED'")
          .param(channel).query(java.time.OffsetDateTime.class).optional().map(java.time.OffsetDateTime::toInstant)
          .orElse(Instant.MAX);
      assertThat(lastServed).as("last queued dialog served on %s", channel)
          .isBefore(firstWaiting.plus(Duration.ofSeconds(1)));
    }
  }
}
