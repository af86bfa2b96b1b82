package io.operatorconnect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.PostgresAvailable;
import io.operatorconnect.testsupport.cluster.ClusterInvariants;
import io.operatorconnect.testsupport.cluster.ClusterLoad;
import io.operatorconnect.testsupport.cluster.FreshPostgresDatabase;
import io.operatorconnect.testsupport.cluster.JvmNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes as two JVMs on one PostgreSQL; one of them is killed (SIGKILL) in the middle of the load,
 * with dialogs being started, served from the queue and closed on it. The other node and a restarted
 * one must finish the work: no dialog lost or stuck, no slot leaked, no limit broken at any moment.
 */
@ExtendWith(PostgresAvailable.class)
class NodeFailurePostgresTests {

  private static final int DIALOGS = 240;
  private static final int CLIENT_THREADS = 8;

  @Test
  void shouldFinishEveryDialogWithoutLeakingASlotWhenANodeIsKilledInTheMiddleOfTheLoad() throws Exception {
    try (var database = FreshPostgresDatabase.create("node_failure");
        var nodeA = JvmNode.launch("nodeA", database);
        var nodeB = JvmNode.launch("nodeB", database)) {
      // given two nodes started side by side on an empty database (they take turns creating the schema)
      nodeA.awaitReady();
      nodeB.awaitReady();
      JdbcClient db = database.jdbc();
      try (var invariants = new ClusterInvariants(db).start();
          var load = new ClusterLoad(db, List.of(nodeA, nodeB))) {
        List<String> operators = load.sixSlots();

        // when clients start dialogs and operators close them on both nodes ...
        load.startClosing(operators);
        Future<?> clients = load.startDialogs(DIALOGS, CLIENT_THREADS);
        await().atMost(Duration.ofMinutes(2)).until(() -> load.assigned() >= DIALOGS / 4);
        // ... and node A dies in the middle of it, then comes back
        load.remove(nodeA);
        nodeA.kill();
        Map<String, Integer> atKill = load.states();
        try (var restarted = JvmNode.launch("nodeA2", database)) {
          restarted.awaitReady();
          load.add(restarted);
          clients.get(3, TimeUnit.MINUTES);
          await().atMost(Duration.ofMinutes(3)).until(() -> load.count("CLOSED") == load.total());
          load.stopClosing();

          // then every dialog a node acknowledged was served once and closed, nothing is left running
          List<String> dialogs = db.sql("SELECT id FROM oc_dialog").query(String.class).list();
          assertThat(dialogs).containsAll(load.acknowledged()).hasSizeGreaterThanOrEqualTo(DIALOGS);
          assertThat(load.states()).containsOnlyKeys("CLOSED");
          assertThat(load.operatorTasksPerDialog()).containsOnly(1);
          assertThat(db.sql("SELECT COUNT(*) FROM act_ru_execution").query(Integer.class).single()).isZero();
          assertThat(db.sql("SELECT COUNT(*) FROM act_ru_incident").query(Integer.class).single()).isZero();
          // and no slot leaked, and at no moment was a limit broken or a counter off its open tasks
          assertThat(db.sql("SELECT SUM(active_dialogs) FROM oc_operator").query(Integer.class).single()).isZero();
          assertThat(invariants.violations()).isEmpty();
          assertThat(invariants.samples()).isPositive();
          System.out.printf("node failure: %s at the kill; %d dialogs, %d requests went to another node,"
                  + " %d invariant checks, 0 violations%n", atKill, dialogs.size(), load.unanswered(),
              invariants.samples());
        }
      }
    }
  }
}
