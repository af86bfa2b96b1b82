package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.testsupport.AssignmentAudit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many dialogs race for few slots while operators close dialogs at the same time. Every assignment
 * is checked inside its own transaction ({@link AssignmentAudit}), not only at the end. Runs on H2
 * ({@link ConcurrentRoutingTests}) and on PostgreSQL ({@link ConcurrentRoutingPostgresTests}).
 */
abstract class ConcurrentRoutingScenario {

  private static final int DIALOGS = 120;
  private static final int CLIENT_THREADS = 6;

  @Autowired
  DialogService dialogs;
  @Autowired
  OperatorService operators;
  @Autowired
  AssignmentAudit audit;
  @Autowired
  HistoryService history;
  @Autowired
  JdbcClient jdbc;

  @Test
  void shouldNeverExceedALimitNorAssignADialogTwiceWhenManyDialogsRaceForFewSlots() throws Exception {
    // given three operators with five slots between them, one of them limited on the telegram channel
    operators.create("anna", "Anna", Set.of("support"), 2, Map.of(), OperatorStatus.ONLINE);
    operators.create("bob", "Bob", Set.of("support"), 2, Map.of("telegram", 1), OperatorStatus.ONLINE);
    operators.create("cleo", "Cleo", Set.of("support"), 1, Map.of(), OperatorStatus.ONLINE);
    ConcurrentLinkedQueue<String> started = new ConcurrentLinkedQueue<>();
    AtomicBoolean clientsDone = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS + 3);
    CountDownLatch go = new CountDownLatch(1);

    // when clients start dialogs from several threads at once ...
    List<Future<?>> clients = new ArrayList<>();
    for (int t = 0; t < CLIENT_THREADS; t++) {
      int thread = t;
      clients.add(pool.submit(() -> {
        go.await();
        for (int i = thread; i < DIALOGS; i += CLIENT_THREADS) {
          String channel = i % 2 == 0 ? "telegram" : "webchat";
          started.add(dialogs.start(channel, "client-" + i, "support_chat", Map.of()).id());
        }
        return null;
      }));
    }
    // ... while each operator closes their dialogs after a short, random handling time
    List<Future<?>> operatorsAtWork = new ArrayList<>();
    for (String operator : List.of("anna", "bob", "cleo")) {
      operatorsAtWork.add(pool.submit(() -> {
        Random random = new Random(operator.hashCode());
        go.await();
        while (!(clientsDone.get() && openOrWaiting() == 0)) {
          List<String> mine = new ArrayList<>(jdbc
              .sql("SELECT id FROM oc_dialog WHERE operator_id = ? AND state = 'TAKEN_OVER'").param(operator)
              .query(String.class).list());
          Collections.shuffle(mine, random);
          for (String dialogId : mine) {
            Thread.sleep(random.nextInt(3));
            dialogs.close(dialogId);
          }
          Thread.sleep(1);
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> client : clients) {
      client.get(2, TimeUnit.MINUTES);
    }
    clientsDone.set(true);
    for (Future<?> work : operatorsAtWork) {
      work.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();

    // then no assignment ever broke a limit, none was made twice, and every dialog was served and closed
    assertThat(audit.violations()).isEmpty();
    assertThat(audit.assignedTwice()).isEmpty();
    assertThat(started).hasSize(DIALOGS);
    assertThat(audit.committedAssignments()).isEqualTo(DIALOGS);
    for (String dialogId : started) {
      assertThat(dialogs.view(dialogId).state()).as("dialog %s", dialogId).isEqualTo(DialogState.CLOSED);
      assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(dialogId)
          .taskDefinitionKey("Task_HandleDialog").count()).as("operator tasks of %s", dialogId).isEqualTo(1);
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc
        .sql("SELECT SUM(active_dialogs) FROM oc_operator").query(Integer.class).single()).isZero());
  }

  private int openOrWaiting() {
    return jdbc.sql("SELECT COUNT(*) FROM oc_dialog WHERE state <> 'CLOSED'").query(Integer.class).single();
  }
}
