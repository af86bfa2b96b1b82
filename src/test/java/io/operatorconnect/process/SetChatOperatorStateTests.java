package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.operatorconnect.dialog.DecisionLog.CandidateView;
import io.operatorconnect.dialog.DecisionLog.DecisionView;
import io.operatorconnect.dialog.DialogAssigned;
import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.DialogView;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.routing.DecisionRecord;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.routing.SkipReason;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.ProcessInstances;
import io.operatorconnect.testsupport.TestDriver;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The set-chat-operator-state action on small diagrams of this test's own, for what the example
 * scenario does not use: {@code RANDOM} inside a group, {@code SPECIFIC}, {@code only_online: false},
 * inputs it cannot use, and {@code CHATBOT_CONTROLLED} while an operator still has the chat.
 */
@OperatorConnectTest
class SetChatOperatorStateTests {

  private static final String KEY = "set_chat_operator_state_test";

  @Autowired
  ProcessEngine engine;
  @Autowired
  RepositoryService repository;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  TestDriver driver;
  @Autowired
  DialogService dialogs;
  @Autowired
  OperatorService operators;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void undeploy() {
    BpmnAwareTests.reset();
    repository.createDeploymentQuery().deploymentName(KEY).list()
        .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
  }

  @Test
  void shouldLetARandomOperatorOfTheGroupTakeOverWhateverTheirLoad() {
    // given bob and carl are in billing, bob already busy; anna, free, is in support only
    driver.onlineOperator("anna", 30, "support");
    driver.onlineOperator("bob", 30, "billing");
    driver.onlineOperator("carl", 30, "billing");
    deploy(task -> task
        .camundaInputParameter("mode", "OPERATOR_TAKEOVER")
        .camundaInputParameter("assign", "RANDOM")
        .camundaInputParameter("group", "billing"));

    // when 24 chats are taken over
    Set<String> chosen = new HashSet<>();
    for (int i = 0; i < 24; i++) {
      DialogView dialog = start("client-" + i);
      assertThat(instanceOf(dialog)).isWaitingAt("Task_OperatorHandlesChat");
      chosen.add(driver.dialog(dialog.id()).operatorId());
    }

    // then each went to bob or carl, and both had some (a chance of 2 in 2^24 that one had them all)
    assertThat(chosen).containsExactlyInAnyOrder("bob", "carl");
    assertThat(operators.get("anna").activeDialogs()).isZero();
    assertThat(operators.get("bob").activeDialogs() + operators.get("carl").activeDialogs()).isEqualTo(24);

    // and the decision says so
    DialogView last = start("client-last");
    DecisionView decision = single(dialogs.decisions(last.id()));
    assertThat(decision.via()).isEqualTo(DialogAssigned.Via.TAKEOVER);
    assertThat(decision.method()).isEqualTo("RANDOM");
    assertThat(decision.subject()).isEqualTo("billing");
    assertThat(decision.operatorId()).isIn("bob", "carl").isEqualTo(driver.dialog(last.id()).operatorId());
    assertThat(decision.candidates()).extracting(CandidateView::operatorId)
        .containsExactlyInAnyOrder("bob", "carl");
  }

  @Test
  void shouldLetTheSpecificOperatorTakeOverEvenWhenAnotherIsLessBusy() {
    // given carl has a dialog already, anna none
    driver.onlineOperator("carl", 3, "support");
    driver.supportChat("busy-1");
    driver.onlineOperator("anna", 3, "support");
    deploy(task -> task
        .camundaInputParameter("mode", "OPERATOR_TAKEOVER")
        .camundaInputParameter("assign", "SPECIFIC")
        .camundaInputParameter("operator", "carl"));

    // when
    DialogView dialog = start("client-1");

    // then
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_OperatorHandlesChat");
    assertThat(task(instance)).isAssignedTo("carl");
    assertThat(instance).variables()
        .containsEntry("connect_result", "success")
        .containsEntry("chat_state", "TAKEN_OVER")
        .containsEntry("operator_id", "carl")
        .containsEntry("operator_name", "Carl");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.TAKEN_OVER);
    assertThat(operators.get("carl").activeDialogs()).isEqualTo(2);
    DecisionView decision = single(dialogs.decisions(dialog.id()));
    assertThat(decision.via()).isEqualTo(DialogAssigned.Via.TAKEOVER);
    assertThat(decision.operatorId()).isEqualTo("carl");
    assertThat(decision.candidates()).extracting(CandidateView::operatorId, CandidateView::reason)
        .containsExactly(Tuple.tuple("carl", null));
  }

  @Test
  void shouldChangeNothingAndNameTheOperatorWhenTheSpecificOperatorIsUnknown() {
    // given
    driver.onlineOperator("anna", 3, "support");
    deploy(task -> task
        .camundaInputParameter("mode", "OPERATOR_TAKEOVER")
        .camundaInputParameter("assign", "SPECIFIC")
        .camundaInputParameter("operator", "ghost"));

    // when
    DialogView dialog = start("client-1");

    // then the scenario goes on, the chat is the bot's as before, and the variables say why
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_NotTakenOver");
    assertThat(instance).variables()
        .containsEntry("connect_result", "error")
        .containsEntry("connect_error", "unknown operator 'ghost' in operator")
        .containsEntry("chat_state", "BOT")
        .doesNotContainKey("operator_id");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.BOT);
    assertThat(runtime.createIncidentQuery().count()).isZero();
    assertThat(operators.get("anna").activeDialogs()).isZero();
    DecisionView decision = single(dialogs.decisions(dialog.id()));
    assertThat(decision.via()).isEqualTo(DialogAssigned.Via.TAKEOVER);
    assertThat(decision.outcome()).isEqualTo(DecisionRecord.Outcome.INVALID);
    assertThat(decision.explanation()).isEqualTo("unknown operator 'ghost' in operator");
  }

  @Test
  void shouldChangeNothingAndNameTheGroupWhenNoOperatorBelongsToIt() {
    // given
    driver.onlineOperator("anna", 3, "support");
    deploy(task -> task
        .camundaInputParameter("mode", "OPERATOR_TAKEOVER")
        .camundaInputParameter("group", "billing"));

    // when
    DialogView dialog = start("client-1");

    // then
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_NotTakenOver");
    assertThat(instance).variables()
        .containsEntry("connect_result", "error")
        .containsEntry("connect_error", "unknown group 'billing' in group: no operator belongs to it")
        .containsEntry("chat_state", "BOT");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.BOT);
    DecisionView decision = single(dialogs.decisions(dialog.id()));
    assertThat(decision.outcome()).isEqualTo(DecisionRecord.Outcome.INVALID);
    assertThat(decision.subject()).isEqualTo("billing");
  }

  @Test
  void shouldChangeNothingWhenTheSpecificOperatorIsOffline() {
    // given
    operators.create("anna", "Anna", Set.of("support"), 3, Map.of(), OperatorStatus.OFFLINE);
    deploy(task -> task
        .camundaInputParameter("mode", "OPERATOR_TAKEOVER")
        .camundaInputParameter("assign", "SPECIFIC")
        .camundaInputParameter("operator", "anna"));

    // when
    DialogView dialog = start("client-1");

    // then
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_NotTakenOver");
    assertThat(instance).variables()
        .containsEntry("connect_result", "limit")
        .containsEntry("connect_error", null)
        .containsEntry("chat_state", "BOT");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.BOT);
    DecisionView decision = single(dialogs.decisions(dialog.id()));
    assertThat(decision.outcome()).isEqualTo(DecisionRecord.Outcome.NO_FREE_OPERATOR);
    assertThat(decision.candidates()).extracting(CandidateView::operatorId, CandidateView::reason)
        .containsExactly(Tuple.tuple("anna", SkipReason.OFFLINE));
  }

  @Test
  void shouldLetAnAwayOperatorTakeOverWhenNotOnlyOnlineOperatorsAreSelected() {
    // given the only operator of the group is away
    operators.create("carl", "Carl", Set.of("support"), 3, Map.of(), OperatorStatus.AWAY);
    deploy(task -> task
        .camundaInputParameter("mode", "OPERATOR_TAKEOVER")
        .camundaInputParameter("assign", "LESS_BUSY")
        .camundaInputParameter("group", "support")
        .camundaInputParameter("only_online", "false"));

    // when
    DialogView dialog = start("client-1");

    // then
    assertThat(instanceOf(dialog)).isWaitingAt("Task_OperatorHandlesChat");
    assertThat(driver.dialog(dialog.id()).operatorId()).isEqualTo("carl");
    assertThat(operators.get("carl").activeDialogs()).isEqualTo(1);
  }

  @Test
  void shouldSayWhichInputIsWrongWhenAnExpressionGivesAnUnknownMode() {
    // given
    deploy(task -> task.camundaInputParameter("mode", "${wanted_mode}"));

    // when
    DialogView dialog = dialogs.start("telegram", "client-1", KEY, Map.of("wanted_mode", "TAKE_OVER"));

    // then
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_NotTakenOver");
    assertThat(instance).variables()
        .containsEntry("connect_result", "error")
        .containsEntry("connect_error",
            "mode 'TAKE_OVER' is not allowed; use one of REQUEST_OPERATOR, OPERATOR_TAKEOVER, CHATBOT_CONTROLLED")
        .containsEntry("chat_state", "BOT");
    assertThat(runtime.createIncidentQuery().count()).isZero();
  }

  @Test
  void shouldFreeTheOperatorsSlotWhenTheChatGoesBackToTheBotBeforeTheOperatorsTask() {
    // given anna took the chat over; a supervisor step comes before the chat goes back to the bot
    driver.onlineOperator("anna", 3, "support");
    BpmnModelInstance diagram = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_DialogStarted")
        .serviceTask("Task_LetAnnaTakeOver").camundaDelegateExpression(BpmnNames.DELEGATE_SET_CHAT_OPERATOR_STATE)
        .camundaInputParameter("mode", "OPERATOR_TAKEOVER")
        .camundaInputParameter("assign", "SPECIFIC")
        .camundaInputParameter("operator", "anna")
        .userTask("Task_Supervise").camundaCandidateGroups("supervisors")
        .serviceTask("Task_GiveChatBackToBot").camundaDelegateExpression(BpmnNames.DELEGATE_SET_CHAT_OPERATOR_STATE)
        .camundaInputParameter("mode", "CHATBOT_CONTROLLED")
        .userTask("Task_BotTalks").camundaCandidateGroups("supervisors")
        .endEvent("EndEvent_Done")
        .done();
    deploy(diagram);
    DialogView dialog = start("client-1");
    ProcessInstance instance = instanceOf(dialog);
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.TAKEN_OVER);
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);

    // when
    complete(task("Task_Supervise", instance));

    // then
    assertThat(instance).isWaitingAt("Task_BotTalks");
    assertThat(instance).variables()
        .containsEntry("chat_state", "BOT")
        .containsEntry("operator_id", null)
        .containsEntry("operator_name", null);
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.BOT);
    assertThat(driver.dialog(dialog.id()).operatorId()).isNull();
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldFreeTheSlotAndUnassignTheOperatorsTaskWhenTheChatGoesBackToTheBotWhileTheTaskIsOpen() {
    // given anna handles the chat while, in parallel, a supervisor may give it back to the bot
    driver.onlineOperator("anna", 3, "support");
    BpmnModelInstance diagram = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_DialogStarted")
        .serviceTask("Task_LetAnnaTakeOver").camundaDelegateExpression(BpmnNames.DELEGATE_SET_CHAT_OPERATOR_STATE)
        .camundaInputParameter("mode", "OPERATOR_TAKEOVER")
        .camundaInputParameter("assign", "SPECIFIC")
        .camundaInputParameter("operator", "anna")
        .parallelGateway("Gateway_Split")
        .userTask("Task_OperatorHandlesChat").camundaAssignee(BpmnNames.OPERATOR_TASK_ASSIGNEE)
        .endEvent("EndEvent_Handled")
        .moveToLastGateway()
        .userTask("Task_Supervise").camundaCandidateGroups("supervisors")
        .serviceTask("Task_GiveChatBackToBot").camundaDelegateExpression(BpmnNames.DELEGATE_SET_CHAT_OPERATOR_STATE)
        .camundaInputParameter("mode", "CHATBOT_CONTROLLED")
        .endEvent("EndEvent_BackToBot")
        .done();
    deploy(diagram);
    DialogView dialog = start("client-1");
    ProcessInstance instance = instanceOf(dialog);
    Task operatorTask = task("Task_OperatorHandlesChat", instance);
    assertThat(operatorTask).isAssignedTo("anna");
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);

    // when
    complete(task("Task_Supervise", instance));

    // then the bot has the chat; the operator's task waits for nobody
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.BOT);
    assertThat(operators.get("anna").activeDialogs()).isZero();
    assertThat(tasks.createTaskQuery().taskId(operatorTask.getId()).singleResult().getAssignee()).isNull();
    assertThat(instance).variables()
        .containsEntry("chat_state", "BOT")
        .containsEntry("operator_id", null);
    assertThat(updatesOf(instance, "chat_state")).as("chat_state never claimed the dialog was queued")
        .doesNotContain("QUEUED").containsSubsequence("TAKEN_OVER", "BOT");

    // when the task is completed anyway, nothing is freed twice, and the ending scenario closes the dialog
    tasks.complete(operatorTask.getId());
    assertThat(instance).isEnded();
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldTakeTheDialogOutOfTheQueueWhenTheChatGoesBackToTheBot() {
    // given a scenario that queues the dialog and then gives it back to the bot
    BpmnModelInstance diagram = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_DialogStarted")
        .serviceTask("Task_EnqueueDialog").camundaDelegateExpression(BpmnNames.DELEGATE_CONNECT_TO_OPERATOR)
        .camundaInputParameter("config", "{\"auto_connect_operator\": true, \"status\": \"queue\"}")
        .boundaryEvent("BoundaryEvent_NoFreeOperator").error("limit").endEvent("EndEvent_NoFreeOperator")
        .moveToActivity("Task_EnqueueDialog")
        .serviceTask("Task_GiveChatBackToBot").camundaDelegateExpression(BpmnNames.DELEGATE_SET_CHAT_OPERATOR_STATE)
        .camundaInputParameter("mode", "CHATBOT_CONTROLLED")
        .userTask("Task_BotTalks").camundaCandidateGroups("supervisors")
        .endEvent("EndEvent_Done")
        .done();
    deploy(diagram);

    // when
    DialogView dialog = start("client-1");

    // then
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_BotTalks").hasPassed("Task_EnqueueDialog", "Task_GiveChatBackToBot");
    assertThat(updatesOf(instance, "queue_position")).as("the dialog was queued first").containsExactly(1, null);
    assertThat(instance).variables()
        .containsEntry("chat_state", "BOT")
        .containsEntry("queue_position", null);
    DialogView back = driver.dialog(dialog.id());
    assertThat(back.state()).isEqualTo(DialogState.BOT);
    assertThat(back.queuePosition()).isNull();
  }

  /**
   * Deploys: the action with the given inputs, then the operator's task when the chat was taken over,
   * else a task that shows the scenario went on without an operator.
   */
  private void deploy(UnaryOperator<ServiceTaskBuilder> inputs) {
    ServiceTaskBuilder action = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_DialogStarted")
        .serviceTask("Task_SetChatOperatorState")
        .camundaDelegateExpression(BpmnNames.DELEGATE_SET_CHAT_OPERATOR_STATE);
    BpmnModelInstance diagram = inputs.apply(action)
        .exclusiveGateway("Gateway_TakenOver")
        .condition("taken over", "${chat_state == 'TAKEN_OVER'}")
        .userTask("Task_OperatorHandlesChat").camundaAssignee(BpmnNames.OPERATOR_TASK_ASSIGNEE)
        .endEvent("EndEvent_Handled")
        .moveToLastGateway()
        .condition("not taken over", "${chat_state != 'TAKEN_OVER'}")
        .userTask("Task_NotTakenOver").camundaCandidateGroups("supervisors")
        .endEvent("EndEvent_NotTakenOver")
        .done();
    deploy(diagram);
  }

  private void deploy(BpmnModelInstance diagram) {
    repository.createDeployment().name(KEY).addModelInstance(KEY + ".bpmn", diagram).deploy();
  }

  private DialogView start(String clientId) {
    return dialogs.start("telegram", clientId, KEY, Map.of());
  }

  private List<Object> updatesOf(ProcessInstance instance, String variable) {
    return ProcessInstances.updatesOf(history, instance.getId(), variable);
  }

  private static DecisionView single(List<DecisionView> decisions) {
    assertThat(decisions).hasSize(1);
    return decisions.get(0);
  }

  private ProcessInstance instanceOf(DialogView dialog) {
    return ProcessInstances.byId(runtime, dialog.processInstanceId());
  }
}
