package io.operatorconnect.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.DialogView;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.process.BpmnNames;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.ProcessInstances;
import io.operatorconnect.testsupport.TestDriver;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The whole way of a dialog that finds every operator busy: limit, queue, a close, served. */
@OperatorConnectTest
class QueueServingIntegrationTests {

  /** The scenario that calls the process where the dialog waits, and that process. */
  private static final String CALLING = "queue_in_called_process";
  private static final String CALLED = "queue_in_called_process_wait";
  /** A scenario that queues its dialog but then waits for something other than operator_connected. */
  private static final String NOT_WAITING = "queue_without_waiting";

  @Autowired
  TestDriver driver;
  @Autowired
  DialogService dialogs;
  @Autowired
  OperatorService operators;
  @Autowired
  TaskService tasks;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  RepositoryService repository;

  @AfterEach
  void undeploy() {
    for (String name : List.of(CALLING, NOT_WAITING)) {
      repository.createDeploymentQuery().deploymentName(name).list()
          .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
    }
  }

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

  @Test
  void shouldWriteOnlyTheVariablesWhoseValueChangesWhenTheQueuedDialogIsServed() {
    // given anna's one slot is taken and a second dialog waits in the queue
    driver.onlineOperator("anna", 1, "support");
    DialogView first = driver.supportChat("client-1");
    DialogView second = driver.supportChat("client-2");
    assertThat(second.state()).isEqualTo(DialogState.QUEUED);

    // when anna closes the first dialog and the queue gives her the second
    dialogs.close(first.id());
    driver.awaitState(second.id(), DialogState.TAKEN_OVER);

    // then the scenario has every documented variable, with its new value
    assertThat(runtime.getVariables(second.processInstanceId()))
        .containsEntry(BpmnNames.CONNECT_RESULT, "success")
        .containsEntry(BpmnNames.CHAT_STATE, "TAKEN_OVER")
        .containsEntry(BpmnNames.OPERATOR_ID, "anna")
        .containsEntry(BpmnNames.OPERATOR_NAME, "Anna")
        .containsEntry(BpmnNames.QUEUE_POSITION, null)
        .containsEntry(BpmnNames.CONNECT_ERROR, null)
        .containsEntry(BpmnNames.DIALOG_ID, second.id());
    // and a value was written only when it changed: the limit, the enqueueing and operator_connected
    // each set these variables, but none rewrote a value it already had
    assertThat(updatesOf(second, BpmnNames.CONNECT_ERROR)).containsExactly((Object) null);
    assertThat(updatesOf(second, BpmnNames.DIALOG_ID)).containsExactly(second.id());
    assertThat(updatesOf(second, BpmnNames.OPERATOR_ID)).containsExactly(null, "anna");
    assertThat(updatesOf(second, BpmnNames.CONNECT_RESULT)).containsExactly("limit", "queued", "success");
    assertThat(updatesOf(second, BpmnNames.QUEUE_POSITION)).containsExactly(null, 1, null);
  }

  @Test
  void shouldServeADialogThatWaitsInACalledProcessCarryingItsBusinessKey() {
    // given a scenario that queues the dialog and waits for operator_connected in a process it calls,
    // passing the dialog's business key; anna is free
    driver.onlineOperator("anna", 1, "support");
    BpmnModelInstance called = enqueueing(CALLED)
        .intermediateCatchEvent("Event_OperatorConnected").message(BpmnNames.MESSAGE_OPERATOR_CONNECTED)
        .endEvent()
        .done();
    BpmnModelInstance calling = Bpmn.createExecutableProcess(CALLING).camundaHistoryTimeToLive(1)
        .startEvent()
        .callActivity("Call_WaitForOperator").calledElement(CALLED)
        .camundaInBusinessKey("#{execution.processBusinessKey}")
        .camundaIn(BpmnNames.DIALOG_ID, BpmnNames.DIALOG_ID)
        .camundaOut(BpmnNames.OPERATOR_ID, BpmnNames.OPERATOR_ID)
        .userTask("Task_HandleDialog").camundaAssignee(BpmnNames.OPERATOR_TASK_ASSIGNEE)
        .endEvent()
        .done();
    repository.createDeployment().name(CALLING).addModelInstance(CALLED + ".bpmn", called)
        .addModelInstance(CALLING + ".bpmn", calling).deploy();

    // when a dialog starts it: the wait is not in the dialog's own process instance
    DialogView dialog = dialogs.start("telegram", "client-1", CALLING, Map.of());

    // then the queue still reaches it, and anna gets the dialog's task in the calling scenario
    DialogView served = driver.awaitState(dialog.id(), DialogState.TAKEN_OVER);
    assertThat(served.operatorId()).isEqualTo("anna");
    Task task = tasks.createTaskQuery().processInstanceId(dialog.processInstanceId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_HandleDialog");
    assertThat(task.getAssignee()).isEqualTo("anna");
  }

  @Test
  void shouldLeaveAQueuedDialogWhoseScenarioDoesNotWaitForItsOperatorAndServeTheNextOne() {
    // given anna is free, and a scenario queues its dialog, then waits at a user task, not for operator_connected
    driver.onlineOperator("anna", 1, "support");
    BpmnModelInstance scenario = enqueueing(NOT_WAITING)
        .userTask("Task_SomethingElse")
        .endEvent()
        .done();
    repository.createDeployment().name(NOT_WAITING).addModelInstance(NOT_WAITING + ".bpmn", scenario).deploy();
    DialogView stranded = dialogs.start("telegram", "client-1", NOT_WAITING, Map.of());
    assertThat(stranded.state()).isEqualTo(DialogState.QUEUED);

    // when a dialog of the example scenario queues behind the stranded one
    DialogView next = driver.supportChat("client-2");

    // then anna gets the next dialog: the stranded one was passed over, and what serving it did rolled back
    assertThat(driver.awaitState(next.id(), DialogState.TAKEN_OVER).operatorId()).isEqualTo("anna");
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);
    DialogView still = driver.dialog(stranded.id());
    assertThat(still.state()).isEqualTo(DialogState.QUEUED);
    assertThat(still.operatorId()).isNull();
    assertThat(dialogs.decisions(stranded.id())).noneMatch(decision -> decision.operatorId() != null);
    assertThat(runtime.createExecutionQuery().processInstanceId(stranded.processInstanceId())
        .activityId("Task_SomethingElse").count()).isEqualTo(1);
  }

  /** A scenario that starts with the connect action putting the dialog in the support queue. */
  private static ServiceTaskBuilder enqueueing(String key) {
    return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("Task_Enqueue").camundaDelegateExpression(BpmnNames.DELEGATE_CONNECT_TO_OPERATOR)
        .camundaInputParameter("auto_connect_operator", "true")
        .camundaInputParameter("subject_alias", "support")
        .camundaInputParameter("status", "queue");
  }

  private List<Object> updatesOf(DialogView dialog, String variable) {
    return ProcessInstances.updatesOf(history, dialog.processInstanceId(), variable);
  }
}
