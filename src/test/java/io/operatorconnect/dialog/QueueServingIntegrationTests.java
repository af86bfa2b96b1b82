package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.TestDriver;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The whole way of a dialog that finds every operator busy: limit, queue, a close, served. */
@OperatorConnectTest
class QueueServingIntegrationTests {

  @Autowired
  TestDriver driver;
  @Autowired
  DialogService dialogs;
  @Autowired
  OperatorService operators;
  @Autowired
  TaskService tasks;

  @Test
  void shouldServeTheQueuedDialogWhenTheOperatorClosesTheirDialog() {
    // given anna can hold one dialog and has one
    driver.onlineOperator("anna", 1, "support");
    DialogView first = driver.supportChat("client-1");
    assertThat(first.state()).isEqualTo(DialogState.TAKEN_OVER);
    assertThat(first.operatorId()).isEqualTo("anna");

    // when a second client arrives, there is no free operator: it waits in the queue
    DialogView second = driver.supportChat("client-2");
    assertThat(second.state()).isEqualTo(DialogState.QUEUED);
    assertThat(second.queuePosition()).isEqualTo(1);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(second.id()).count()).isZero();

    // and anna closes the first dialog
    dialogs.close(first.id());

    // then the queued dialog reaches anna, as a user task assigned to her
    DialogView served = driver.awaitState(second.id(), DialogState.TAKEN_OVER);
    assertThat(served.operatorId()).isEqualTo("anna");
    assertThat(driver.dialog(first.id()).state()).isEqualTo(DialogState.CLOSED);
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(second.id()).singleResult();
    assertThat(task.getAssignee()).isEqualTo("anna");
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_HandleDialog");
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);
  }
}
