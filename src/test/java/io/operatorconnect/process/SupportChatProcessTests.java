package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.operatorconnect.channel.TranscriptMessage;
import io.operatorconnect.dialog.ConnectResult;
import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.DialogView;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.queue.QueueDispatcher;
import io.operatorconnect.queue.QueueRepository;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.ProcessInstances;
import io.operatorconnect.testsupport.TestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Every path of {@code processes/support-chat.bpmn}, walked with camunda-bpm-assert on the real
 * delegates, with the dialog's state and the operator's load checked at each step.
 */
@OperatorConnectTest
class SupportChatProcessTests {

  private static final String GOODBYE = "Sorry, no operator could take your chat in time. Please write again later.";
  private static final String APOLOGY =
      "Sorry, something went wrong while connecting you to an operator. Please try again later.";
  private static final String PLEASE_WAIT =
      "All operators are busy right now. You are in the queue; an operator will join as soon as one is free.";
  private static final String REMINDER =
      "Thank you for waiting. You are still in the queue; an operator will join as soon as one is free.";
  private static final String GREETING = "Hello! Let me find an operator for you.";

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtime;
  @Autowired
  ManagementService management;
  @Autowired
  TestDriver driver;
  @Autowired
  DialogService dialogs;
  @Autowired
  QueueRepository queue;
  @Autowired
  OperatorService operators;
  @Autowired
  QueueDispatcher dispatcher;
  @Autowired
  TestRestTemplate rest;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void resetEngineClock() {
    ClockUtil.reset();
    BpmnAwareTests.reset();
  }

  @Test
  void shouldConnectAFreeOperatorAndCloseTheDialogWhenTheOperatorCompletesTheTask() {
    // given
    driver.onlineOperator("anna", 2, "support");

    // when
    DialogView dialog = driver.supportChat("client-1");

    // then
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_HandleDialog")
        .hasPassedInOrder("StartEvent_DialogStarted", "Task_GreetClient", "Task_ConnectToOperator",
            "Gateway_ConnectedRightAway", "Gateway_JoinOperatorFound")
        .hasNotPassed("BoundaryEvent_NoFreeOperator", "StartEvent_WaitStarted");
    assertThat(instance).variables()
        .containsEntry("dialog_id", dialog.id())
        .containsEntry("connect_result", "success")
        .containsEntry("operator_id", "anna")
        .containsEntry("operator_name", "Anna")
        .containsEntry("chat_state", "TAKEN_OVER")
        .containsEntry("queue_position", null)
        .containsEntry("connect_error", null);
    assertThat(task()).isAssignedTo("anna");
    assertThat(dialog.state()).isEqualTo(DialogState.TAKEN_OVER);
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);
    assertThat(texts(dialog)).containsExactly(GREETING, "Operator Anna has joined the chat.");

    // when
    complete(task());

    // then
    assertThat(instance).isEnded().hasPassed("Task_HandleDialog", "EndEvent_DialogClosed");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldStampTheDialogsHistoryWithItsRemovalTimeAsItIsWrittenNotByRewritingItAtTheEnd() {
    // given
    driver.onlineOperator("anna", 1, "support");

    // when the dialog is still with its operator
    DialogView dialog = driver.supportChat("client-1");

    // then its history already carries the removal time: start + the diagram's time to live (P30D)
    var history = engine.getHistoryService();
    var processInstance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(dialog.id())
        .singleResult();
    Instant removal = processInstance.getStartTime().toInstant().plus(Duration.ofDays(30));
    assertThat(processInstance.getRemovalTime()).isEqualTo(Date.from(removal));
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstance.getId()).list())
        .isNotEmpty()
        .allSatisfy(variable -> assertThat(variable.getRemovalTime()).isEqualTo(Date.from(removal)));
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstance.getId()).list())
        .isNotEmpty()
        .allSatisfy(activity -> assertThat(activity.getRemovalTime()).isEqualTo(Date.from(removal)));
  }

  @Test
  void shouldGiveTheDialogBackToTheBotAndServeTheQueueWhenTheOperatorReturnsItToTheBot() {
    // given anna has a dialog and a second client waits in the queue
    driver.onlineOperator("anna", 1, "support");
    DialogView dialog = driver.supportChat("client-1");
    DialogView waiting = driver.supportChat("client-2");
    ProcessInstance instance = instanceOf(dialog);

    // when anna hands the first dialog back to the bot
    dialogs.returnToBot(dialog.id());

    // then the scenario takes it back along the boundary event: the bot speaks, the instance ends
    assertThat(instance).isEnded()
        .hasPassedInOrder("BoundaryEvent_ReturnedToBot", "Task_TellClientBotIsBack", "EndEvent_BackWithTheBot")
        .hasNotPassed("EndEvent_DialogClosed");
    assertThat(texts(dialog)).last().asString().startsWith("The operator has handed you back to me, the bot.");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    // and anna's slot went to the waiting client
    assertThat(driver.awaitState(waiting.id(), DialogState.TAKEN_OVER).operatorId()).isEqualTo("anna");
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);
  }

  @Test
  void shouldWaitInTheQueueWhenNobodyIsOnlineAndConnectTheOperatorWhoComesOnline() {
    // given
    offlineOperator("anna", "support");

    // when
    DialogView dialog = driver.supportChat("client-1");

    // then
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Event_OperatorConnected")
        .isWaitingFor("operator_connected")
        .hasPassedInOrder("Task_ConnectToOperator", "BoundaryEvent_NoFreeOperator", "Gateway_JoinWaiting",
            "StartEvent_WaitStarted", "Task_TellClientToWait", "Task_EnqueueDialog")
        .hasNotPassed("Gateway_ConnectedRightAway", "Task_HandleDialog");
    assertThat(instance).variables()
        .containsEntry("dialog_id", dialog.id())
        .containsEntry("connect_result", "queued")
        .containsEntry("chat_state", "QUEUED")
        .containsEntry("queue_position", 1)
        .containsEntry("operator_id", null)
        .containsEntry("operator_name", null)
        .containsEntry("connect_error", null)
        .containsEntry("no_free_operator_reason", "anna is OFFLINE");
    assertThat(dialog.state()).isEqualTo(DialogState.QUEUED);
    assertThat(dialog.queuePosition()).isEqualTo(1);
    assertThat(texts(dialog)).contains(PLEASE_WAIT);

    // when
    operators.setStatus("anna", OperatorStatus.ONLINE);

    // then
    DialogView served = driver.awaitState(dialog.id(), DialogState.TAKEN_OVER);
    assertThat(served.operatorId()).isEqualTo("anna");
    assertThat(instance).isWaitingAt("Task_HandleDialog")
        .hasPassed("Event_OperatorConnected", "EndEvent_OperatorFound", "Gateway_JoinOperatorFound");
    assertThat(instance).variables()
        .containsEntry("connect_result", "success")
        .containsEntry("operator_id", "anna")
        .containsEntry("operator_name", "Anna")
        .containsEntry("chat_state", "TAKEN_OVER")
        .containsEntry("queue_position", null)
        .containsEntry("connect_error", null);
    assertThat(task()).isAssignedTo("anna");
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).count())
        .as("the reminder and maximum-wait timers are gone with the subprocess").isZero();

    // when
    complete(task());

    // then
    assertThat(instance).isEnded().hasPassed("EndEvent_DialogClosed");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldSayGoodbyeAndLeaveTheQueueWhenTheMaximumWaitPasses() {
    // given
    offlineOperator("anna", "support");
    DialogView dialog = driver.supportChat("client-1");
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Event_OperatorConnected");
    Job timer = job("BoundaryEvent_MaximumWaitReached");
    assertThat(executableJobs(instance)).isZero();

    // when ten minutes and a bit pass
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)).plusSeconds(5)));

    // then the maximum wait is due, and so is a reminder nobody has sent yet
    assertThat(executableJobs(instance)).isEqualTo(2);

    // when
    execute(timer);

    // then the overdue reminder goes with the subprocess
    assertThat(instance).isEnded()
        .hasPassedInOrder("BoundaryEvent_MaximumWaitReached", "Task_SayGoodbye", "EndEvent_NoOperatorInTime")
        .hasNotPassed("EndEvent_OperatorFound", "Task_HandleDialog", "Task_RemindClient");
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    DialogView closed = driver.dialog(dialog.id());
    assertThat(closed.state()).isEqualTo(DialogState.CLOSED);
    assertThat(closed.queuePosition()).isNull();
    assertThat(queue.queued(100)).isEmpty();
    assertThat(texts(dialog)).last().isEqualTo(GOODBYE);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldRemindTheWaitingClientEveryTwoMinutesAndSayGoodbyeAfterTen() {
    // given
    offlineOperator("anna", "support");
    Instant start = Instant.now();
    DialogView dialog = driver.supportChat("client-1");
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Event_OperatorConnected");
    assertThat(executableJobs(instance)).isZero();

    for (int reminder = 1; reminder <= 4; reminder++) {
      // when another two minutes pass
      moveClockTo(start.plus(Duration.ofMinutes(2L * reminder)).plusSeconds(5));

      // then one reminder is due, and nothing else
      assertThat(executableJobs(instance)).as("due at reminder %d", reminder).isEqualTo(1);

      // when
      execute(job("BoundaryEvent_ReminderDue", instance));

      // then the client is reminded and the dialog keeps waiting in the queue
      assertThat(instance).isWaitingAt("Event_OperatorConnected");
      assertThat(texts(dialog)).filteredOn(REMINDER::equals).hasSize(reminder);
      assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.QUEUED);
    }
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).activityId("BoundaryEvent_ReminderDue")
        .count()).as("four reminders, then none").isZero();

    // when the maximum wait passes
    moveClockTo(start.plus(Duration.ofMinutes(10)).plusSeconds(5));
    assertThat(executableJobs(instance)).isEqualTo(1);
    execute(job("BoundaryEvent_MaximumWaitReached", instance));

    // then
    assertThat(instance).isEnded()
        .hasPassed("BoundaryEvent_ReminderDue", "Task_RemindClient", "EndEvent_ClientReminded")
        .hasPassedInOrder("BoundaryEvent_MaximumWaitReached", "Task_SayGoodbye", "EndEvent_NoOperatorInTime")
        .hasNotPassed("EndEvent_OperatorFound", "Task_HandleDialog");
    assertThat(texts(dialog)).containsExactly(GREETING, PLEASE_WAIT, REMINDER, REMINDER, REMINDER, REMINDER, GOODBYE);
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(queue.queued(100)).isEmpty();
  }

  @Test
  void shouldStopRemindingOnceAnOperatorIsConnected() {
    // given the client has waited long enough for one reminder
    offlineOperator("anna", "support");
    Instant start = Instant.now();
    DialogView dialog = driver.supportChat("client-1");
    ProcessInstance instance = instanceOf(dialog);
    moveClockTo(start.plus(Duration.ofMinutes(2)).plusSeconds(5));
    execute(job("BoundaryEvent_ReminderDue", instance));
    assertThat(texts(dialog)).filteredOn(REMINDER::equals).hasSize(1);

    // when anna comes online and is connected
    operators.setStatus("anna", OperatorStatus.ONLINE);
    driver.awaitState(dialog.id(), DialogState.TAKEN_OVER);

    // then no timer is left, however much time passes while anna handles the dialog
    assertThat(instance).isWaitingAt("Task_HandleDialog").hasPassed("EndEvent_OperatorFound");
    moveClockTo(start.plus(Duration.ofMinutes(30)));
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(texts(dialog)).containsExactly(GREETING, PLEASE_WAIT, REMINDER, "Operator Anna has joined the chat.");

    // when
    complete(task());

    // then
    assertThat(instance).isEnded().hasPassed("EndEvent_DialogClosed").hasNotPassed("Task_SayGoodbye");
    assertThat(texts(dialog)).filteredOn(REMINDER::equals).hasSize(1);
  }

  @Test
  void shouldWaitForAManualAcceptWhenAutoConnectIsOff() {
    // given an operator is free, but the panel connects nobody automatically
    driver.onlineOperator("anna", 2, "support");
    putSettings(false);

    // when
    DialogView dialog = driver.supportChat("client-1");

    // then the action completes with 'requested' and the default flow leads into the waiting subprocess
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Event_OperatorConnected")
        .hasPassedInOrder("Task_ConnectToOperator", "Gateway_ConnectedRightAway", "Gateway_JoinWaiting",
            "Task_TellClientToWait", "Task_EnqueueDialog")
        .hasNotPassed("BoundaryEvent_NoFreeOperator", "Gateway_JoinOperatorFound");
    assertThat(instance).variables()
        .containsEntry("dialog_id", dialog.id())
        .containsEntry("connect_result", "requested")
        .containsEntry("chat_state", "REQUESTED")
        .containsEntry("queue_position", null)
        .containsEntry("operator_id", null)
        .containsEntry("connect_error", null);
    assertThat(dialog.state()).isEqualTo(DialogState.REQUESTED);
    assertThat(dispatcher.drain()).as("the dispatcher leaves requested dialogs alone").isZero();
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.REQUESTED);
    assertThat(operators.get("anna").activeDialogs()).isZero();

    // when
    DialogView accepted = dialogs.accept(dialog.id(), "anna");

    // then
    assertThat(accepted.state()).isEqualTo(DialogState.TAKEN_OVER);
    assertThat(instance).isWaitingAt("Task_HandleDialog").hasPassed("EndEvent_OperatorFound");
    assertThat(instance).variables()
        .containsEntry("connect_result", "success")
        .containsEntry("operator_id", "anna")
        .containsEntry("operator_name", "Anna")
        .containsEntry("chat_state", "TAKEN_OVER");
    assertThat(task()).isAssignedTo("anna");
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);

    // when
    complete(task());

    // then
    assertThat(instance).isEnded().hasPassed("EndEvent_DialogClosed");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldEndWithoutAnOperatorWhenTheClientIsBanned() {
    // given
    driver.onlineOperator("anna", 2, "support");
    ban("client-1");

    // when
    DialogView dialog = driver.supportChat("client-1");

    // then
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isEnded()
        .hasPassedInOrder("Task_GreetClient", "BoundaryEvent_ClientBanned", "EndEvent_ClientBanned")
        .hasNotPassed("Gateway_ConnectedRightAway", "StartEvent_WaitStarted", "Task_HandleDialog");
    assertThat(instance).variables()
        .containsEntry("dialog_id", dialog.id())
        .containsEntry("connect_result", "banned")
        .containsEntry("operator_id", null)
        .containsEntry("connect_error", null)
        .containsEntry("chat_state", "BOT");
    DialogView ended = driver.dialog(dialog.id());
    assertThat(ended.state()).isEqualTo(DialogState.CLOSED);
    assertThat(ended.connectResult()).isEqualTo(ConnectResult.BANNED);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldApologizeWhenTheSubjectHasNoOperatorAtAll() {
    // given nobody belongs to "support"
    driver.onlineOperator("boris", 2, "sales");

    // when
    DialogView dialog = driver.supportChat("client-1");

    // then
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isEnded()
        .hasPassedInOrder("BoundaryEvent_ConnectFailed", "Gateway_JoinFailures", "Task_ApologizeForError",
            "EndEvent_ConnectFailed")
        .hasNotPassed("BoundaryEvent_NoFreeOperator", "StartEvent_WaitStarted");
    assertThat(instance).variables()
        .containsEntry("dialog_id", dialog.id())
        .containsEntry("connect_result", "error")
        .containsEntry("connect_error", "unknown subject 'support' in subject_alias: no operator belongs to it")
        .containsEntry("operator_id", null)
        .containsEntry("chat_state", "BOT");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(texts(dialog)).last().isEqualTo(APOLOGY);
    assertThat(runtime.createIncidentQuery().count()).isZero();
    assertThat(operators.get("boris").activeDialogs()).isZero();
  }

  /**
   * No runtime event reaches "Queueing failed": both connect actions run in one transaction with the
   * same checks, so the enqueue cannot fail once the first action got 'limit' or 'requested'. An
   * administrator who runs the enqueue step again (Cockpit's "modify instance") after the client
   * was banned does reach it, and the scenario must then apologize rather than leave the dialog hanging.
   */
  @Test
  void shouldApologizeWhenEnqueueingAgainFailsBecauseTheClientWasBannedMeanwhile() {
    // given the dialog waits in the queue, and then its client is banned
    offlineOperator("anna", "support");
    DialogView dialog = driver.supportChat("client-1");
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Event_OperatorConnected");
    ban("client-1");

    // when an administrator runs the enqueue step again
    runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity("Task_EnqueueDialog").execute();

    // then
    assertThat(instance).isEnded()
        .hasPassedInOrder("BoundaryEvent_QueueFailed", "Gateway_JoinFailures", "Task_ApologizeForError",
            "EndEvent_ConnectFailed")
        .hasNotPassed("BoundaryEvent_MaximumWaitReached", "Task_HandleDialog");
    assertThat(instance).variables()
        .containsEntry("connect_result", "banned")
        .containsEntry("queue_position", null);
    DialogView ended = driver.dialog(dialog.id());
    assertThat(ended.state()).isEqualTo(DialogState.CLOSED);
    assertThat(queue.queued(100)).isEmpty();
    assertThat(texts(dialog)).last().isEqualTo(APOLOGY);
  }

  @Test
  void shouldFreeTheOperatorsSlotWhenTheInstanceIsDeletedDuringTheOperatorsTask() {
    // given
    driver.onlineOperator("anna", 1, "support");
    DialogView dialog = driver.supportChat("client-1");
    assertThat(instanceOf(dialog)).isWaitingAt("Task_HandleDialog");
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);

    // when
    runtime.deleteProcessInstance(dialog.processInstanceId(), "cancelled in Cockpit");

    // then
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldFreeTheOperatorsSlotEvenWhenTheDeletionSkipsCustomListeners() {
    // given
    driver.onlineOperator("anna", 1, "support");
    DialogView dialog = driver.supportChat("client-1");
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);

    // when
    runtime.deleteProcessInstance(dialog.processInstanceId(), "cancelled in Cockpit", true);

    // then
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldTakeTheDialogOutOfTheQueueWhenTheWaitingInstanceIsDeleted() {
    // given
    offlineOperator("anna", "support");
    DialogView dialog = driver.supportChat("client-1");
    assertThat(instanceOf(dialog)).isWaitingAt("Event_OperatorConnected");
    assertThat(queue.queued(100)).extracting(queued -> queued.id()).containsExactly(dialog.id());

    // when
    runtime.deleteProcessInstance(dialog.processInstanceId(), "cancelled in Cockpit");

    // then
    DialogView deleted = driver.dialog(dialog.id());
    assertThat(deleted.state()).isEqualTo(DialogState.CLOSED);
    assertThat(deleted.queuePosition()).isNull();
    assertThat(queue.queued(100)).isEmpty();

    // and an operator coming online later gets nothing
    operators.setStatus("anna", OperatorStatus.ONLINE);
    assertThat(dispatcher.drain()).isZero();
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  private void offlineOperator(String id, String group) {
    operators.create(id, id.substring(0, 1).toUpperCase() + id.substring(1), Set.of(group), 2, Map.of(),
        OperatorStatus.OFFLINE);
  }

  private void putSettings(boolean autoConnect) {
    var response = HttpApi.asAdmin(rest).exchange("/api/settings", HttpMethod.PUT, new HttpEntity<>(Map.of("autoConnect", autoConnect,
        "distributionMethod", "FEWEST_DIALOGS_THEN_IDLE", "redistributeOnOffline", false)), Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).containsEntry("autoConnect", autoConnect);
  }

  private void ban(String clientId) {
    var response = HttpApi.asAdmin(rest).postForEntity("/api/clients/" + clientId + "/ban", Map.of("reason", "abuse"), Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  private static void moveClockTo(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  private long executableJobs(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).executable().count();
  }

  private List<String> texts(DialogView dialog) {
    return dialogs.messages(dialog.id()).stream().map(TranscriptMessage::text).toList();
  }

  private ProcessInstance instanceOf(DialogView dialog) {
    return ProcessInstances.byId(runtime, dialog.processInstanceId());
  }
}
