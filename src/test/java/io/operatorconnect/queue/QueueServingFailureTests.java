package io.operatorconnect.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.dialog.DialogAssigned;
import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.DialogView;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.testsupport.AssignmentAudit;
import io.operatorconnect.testsupport.CommitFaults;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.TestDriver;
import java.time.Duration;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Serving a queued dialog can fail at commit when another node moves the same scenario at that moment
 * (optimistic locking on the engine's rows). The reservation, the dialog's state and the
 * {@code operator_connected} correlation then roll back together, and the dialog is served later,
 * exactly once: never dropped, never given to two operators.
 */
@OperatorConnectTest
class QueueServingFailureTests {

  @Autowired
  TestDriver driver;
  @Autowired
  DialogService dialogs;
  @Autowired
  OperatorService operators;
  @Autowired
  QueueDispatcher dispatcher;
  @Autowired
  CommitFaults faults;
  @Autowired
  AssignmentAudit audit;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;

  @Test
  void shouldServeTheDialogOnceWhenItsFirstServingTransactionFailsAtCommit() {
    // given anna is busy and a second dialog waits
    driver.onlineOperator("anna", 1, "support");
    DialogView busy = driver.supportChat("client-1");
    DialogView waiting = driver.supportChat("client-2");
    assertThat(waiting.state()).isEqualTo(DialogState.QUEUED);
    faults.failAssignmentCommits(waiting.id(), 1);

    // when anna closes her dialog and the first attempt to serve the waiting one fails at commit
    dialogs.close(busy.id());

    // then the dispatcher tries again at once, and the dialog reaches anna exactly once
    assertThat(driver.awaitState(waiting.id(), DialogState.TAKEN_OVER).operatorId()).isEqualTo("anna");
    assertThat(faults.injected()).isEqualTo(1);
    assertServedOnce(waiting.id());
  }

  @Test
  void shouldLeaveTheDialogQueuedAndUntouchedWhenEveryAttemptFailsAndServeItOnTheNextDrain() {
    // given anna is busy and a second dialog waits, and every attempt of this drain will fail
    driver.onlineOperator("anna", 1, "support");
    DialogView busy = driver.supportChat("client-1");
    DialogView waiting = driver.supportChat("client-2");
    // the drain its queueing asked for has looked at it and found nobody: that drain cannot take a fault
    await().atMost(Duration.ofSeconds(10)).until(() -> dialogs.decisions(waiting.id()).stream()
        .anyMatch(decision -> decision.via() == DialogAssigned.Via.QUEUE));
    faults.failAssignmentCommits(waiting.id(), 3);

    // when anna closes her dialog
    dialogs.close(busy.id());
    await().atMost(Duration.ofSeconds(10)).until(() -> faults.injected() == 3);

    // then nothing of the failed attempts remains: still first in the queue, the scenario still waits, anna free
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
        .until(() -> driver.dialog(waiting.id()).state() == DialogState.QUEUED);
    assertThat(driver.dialog(waiting.id()).queuePosition()).isEqualTo(1);
    assertThat(runtime.createExecutionQuery().processInstanceBusinessKey(waiting.id())
        .messageEventSubscriptionName("operator_connected").count()).isEqualTo(1);
    assertThat(operators.get("anna").activeDialogs()).isZero();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(waiting.id()).count()).isZero();
    assertThat(audit.committedAssignments()).isEqualTo(1); // the busy dialog's only

    // and the next drain (the sweep's, or any slot freed) serves it, once
    dispatcher.requestDrain();
    assertThat(driver.awaitState(waiting.id(), DialogState.TAKEN_OVER).operatorId()).isEqualTo("anna");
    assertThat(faults.injected()).isEqualTo(3);
    assertServedOnce(waiting.id());
  }

  private void assertServedOnce(String dialogId) {
    assertThat(audit.assignedTwice()).isEmpty();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(dialogId).taskAssignee("anna").count()).isEqualTo(1);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(dialogId)
        .taskDefinitionKey("Task_HandleDialog").count()).isEqualTo(1);
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);
    assertThat(audit.violations()).isEmpty();
  }
}
