package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.operatorconnect.channel.Sender;
import io.operatorconnect.channel.TranscriptMessage;
import io.operatorconnect.dialog.ConnectResult;
import io.operatorconnect.dialog.DecisionLog.CandidateView;
import io.operatorconnect.dialog.DecisionLog.DecisionView;
import io.operatorconnect.dialog.DialogAssigned;
import io.operatorconnect.dialog.OpenDialogs;
import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.DialogView;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.routing.DecisionRecord;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.routing.SkipReason;
import io.operatorconnect.system.ConflictException;
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
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.HistoryService;
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
import org.springframework.http.HttpStatus;

/**
 * Every path of {@code processes/operator-takeover.bpmn}, the set-chat-operator-state example, walked
 * with camunda-bpm-assert on the real delegates: the bot's loop, an operator taking over (less busy in
 * "support"), a request when nobody is available, its maximum wait, and the chat going back to the bot.
 */
@OperatorConnectTest
class OperatorTakeoverProcessTests {

  private static final String GREETING = "Hello! I am the support bot. Write \"operator\" any time to talk to a person.";
  private static final String BOT_ANSWER =
      "I am only a bot and cannot help with that yet. Write \"operator\" to talk to a person.";
  private static final String OPERATOR_REQUESTED =
      "No operator is free right now. An operator has been requested and will join as soon as one can.";
  private static final String BOT_IS_BACK =
      "The operator has handed you back to me, the bot. Start a new chat whenever you need an operator again.";
  private static final String NO_OPERATOR_IN_TIME =
      "Sorry, no operator could take your chat in time. Please write again later.";
  private static final String NO_OPERATOR_POSSIBLE = "Sorry, no operator can take your chat. Please write again later.";

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  ManagementService management;
  @Autowired
  TestDriver driver;
  @Autowired
  DialogService dialogs;
  @Autowired
  OpenDialogs openDialogs;
  @Autowired
  OperatorService operators;
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
  void shouldGreetTheClientAndAnswerAsTheBotUntilTheClientAsksForAnOperator() {
    // given
    driver.onlineOperator("anna", 2, "support");

    // when
    DialogView dialog = driver.takeoverChat("client-1");
    clientWrites(dialog, "What are your opening hours?");
    clientWrites(dialog, "And on Sundays?");

    // then the bot answered twice and waits for the next message; no operator was involved
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Event_ClientWrote").isWaitingFor("client_message")
        .hasPassedInOrder("StartEvent_DialogStarted", "Task_GreetClient", "Gateway_JoinConversation",
            "Event_ClientWrote", "Gateway_ClientAsksForOperator", "Task_BotAnswers", "Gateway_JoinConversation")
        .hasNotPassed("Task_LetOperatorTakeOver", "Task_RequestOperator");
    assertThat(finished(instance, "Task_BotAnswers")).isEqualTo(2);
    assertThat(instance).variables()
        .containsEntry("chat_state", "BOT")
        .containsEntry("client_text", "And on Sundays?")
        .doesNotContainKey("connect_result");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.BOT);
    assertThat(transcript(dialog)).containsExactly(
        line(Sender.BOT, GREETING),
        line(Sender.CLIENT, "What are your opening hours?"),
        line(Sender.BOT, BOT_ANSWER),
        line(Sender.CLIENT, "And on Sundays?"),
        line(Sender.BOT, BOT_ANSWER));
    assertThat(dialogs.decisions(dialog.id())).isEmpty();
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldLetTheLeastBusyOnlineSupportOperatorTakeOverWhenTheClientAsksForOne() {
    // given anna has two dialogs, carl one, boris none; dave has none either, but is in sales
    givenSupportOperatorsWithTwoOneAndNoDialogs();
    driver.onlineOperator("dave", 5, "sales");
    DialogView dialog = driver.takeoverChat("client-1");

    // when
    clientWrites(dialog, "Can I talk to an operator, please?");

    // then boris took the chat over at once, and his task waits for him
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_OperatorHandlesChat")
        .hasPassedInOrder("Event_ClientWrote", "Gateway_ClientAsksForOperator", "Task_LetOperatorTakeOver",
            "Gateway_TakenOver", "Gateway_JoinOperatorFound", "Task_AnnounceOperator")
        .hasNotPassed("Task_BotAnswers", "Task_RequestOperator", "SubProcess_WaitForOperator");
    assertThat(instance).variables()
        .containsEntry("dialog_id", dialog.id())
        .containsEntry("connect_result", "success")
        .containsEntry("chat_state", "TAKEN_OVER")
        .containsEntry("operator_id", "boris")
        .containsEntry("operator_name", "Boris")
        .containsEntry("queue_position", null)
        .containsEntry("connect_error", null);
    assertThat(task(instance)).isAssignedTo("boris");
    DialogView takenOver = driver.dialog(dialog.id());
    assertThat(takenOver.state()).isEqualTo(DialogState.TAKEN_OVER);
    assertThat(takenOver.operatorId()).isEqualTo("boris");
    assertThat(operators.get("boris").activeDialogs()).isEqualTo(1);
    assertThat(operators.get("carl").activeDialogs()).isEqualTo(1);
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(2);
    assertThat(transcript(dialog)).last().isEqualTo(line(Sender.BOT, "Operator Boris has joined the chat."));

    // and the decision record says the takeover chose boris, the least busy, before carl and anna
    DecisionView decision = single(dialogs.decisions(dialog.id()));
    assertThat(decision.via()).isEqualTo(DialogAssigned.Via.TAKEOVER);
    assertThat(decision.outcome()).isEqualTo(DecisionRecord.Outcome.ASSIGNED);
    assertThat(decision.operatorId()).isEqualTo("boris");
    assertThat(decision.method()).isEqualTo("FEWEST_DIALOGS");
    assertThat(decision.subject()).isEqualTo("support");
    assertThat(decision.candidates())
        .extracting(CandidateView::operatorId, CandidateView::verdict, CandidateView::rank, CandidateView::reason)
        .containsExactly(
            Tuple.tuple("boris", DecisionRecord.Verdict.Kind.CHOSEN, 1, null),
            Tuple.tuple("carl", DecisionRecord.Verdict.Kind.RANKED, 2, null),
            Tuple.tuple("anna", DecisionRecord.Verdict.Kind.RANKED, 3, null));
  }

  @Test
  void shouldGiveTheClientsMessagesToTheOperatorAloneWhileTheOperatorHasTheChat() {
    // given boris has taken the chat over
    givenSupportOperatorsWithTwoOneAndNoDialogs();
    DialogView dialog = driver.takeoverChat("client-1");
    clientWrites(dialog, "operator!");
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_OperatorHandlesChat");
    int linesBefore = transcript(dialog).size();

    // when the client and the operator write
    clientWrites(dialog, "Hello? My parcel never arrived.");
    dialogs.post(dialog.id(), Sender.OPERATOR, "boris", "Hi, I am Boris. Let me check your parcel.");
    clientWrites(dialog, "Thank you!");

    // then the transcript has the messages, the bot said nothing, and its loop did not run
    assertThat(transcript(dialog)).hasSize(linesBefore + 3).endsWith(
        line(Sender.CLIENT, "Hello? My parcel never arrived."),
        new TranscriptLine(Sender.OPERATOR, "boris", "Hi, I am Boris. Let me check your parcel."),
        line(Sender.CLIENT, "Thank you!"));
    assertThat(instance).isWaitingAt("Task_OperatorHandlesChat").hasNotPassed("Task_BotAnswers");
    assertThat(finished(instance, "Event_ClientWrote")).isEqualTo(1);
    assertThat(instance).variables().containsEntry("client_text", "operator!");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.TAKEN_OVER);
  }

  @Test
  void shouldCloseTheChatWhenTheOperatorCompletesTheTask() {
    // given boris has taken the chat over
    givenSupportOperatorsWithTwoOneAndNoDialogs();
    DialogView dialog = driver.takeoverChat("client-1");
    clientWrites(dialog, "I need a human");
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_OperatorHandlesChat");
    assertThat(operators.get("boris").activeDialogs()).isEqualTo(1);

    // when
    complete(task(instance));

    // then
    assertThat(instance).isEnded().hasPassedInOrder("Task_OperatorHandlesChat", "EndEvent_ChatClosed")
        .hasNotPassed("BoundaryEvent_ReturnedToBot", "Task_GiveChatBackToBot");
    assertThat(operators.get("boris").activeDialogs()).isZero();
    DialogView closed = driver.dialog(dialog.id());
    assertThat(closed.state()).isEqualTo(DialogState.CLOSED);
    assertThat(closed.closedAt()).isNotNull();
    assertThat(transcript(dialog)).last().isEqualTo(line(Sender.BOT, "Operator Boris has joined the chat."));
  }

  @Test
  void shouldGiveTheChatBackToTheBotWhenTheOperatorReturnsIt() {
    // given boris has taken the chat over
    givenSupportOperatorsWithTwoOneAndNoDialogs();
    DialogView dialog = driver.takeoverChat("client-1");
    clientWrites(dialog, "I need a human");
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Task_OperatorHandlesChat");
    assertThat(operators.get("boris").activeDialogs()).isEqualTo(1);

    // when (POST /api/dialogs/{id}/return-to-bot)
    dialogs.returnToBot(dialog.id());

    // then the bot had the chat again and spoke (a closed dialog takes no message), then the scenario ended
    assertThat(instance).isEnded()
        .hasPassedInOrder("BoundaryEvent_ReturnedToBot", "Task_GiveChatBackToBot", "Task_SayBotIsBack",
            "EndEvent_BackWithTheBot")
        .hasNotPassed("EndEvent_ChatClosed");
    assertThat(instance).variables()
        .containsEntry("chat_state", "BOT")
        .containsEntry("operator_id", null)
        .containsEntry("operator_name", null);
    assertThat(updatesOf(instance, "chat_state")).startsWith("BOT", "TAKEN_OVER").doesNotContain("QUEUED")
        .last().isEqualTo("BOT");
    assertThat(transcript(dialog)).last().isEqualTo(line(Sender.BOT, BOT_IS_BACK));
    assertThat(operators.get("boris").activeDialogs()).isZero();
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
  }

  @Test
  void shouldRequestAnOperatorWhenNobodyIsAvailableAndConnectTheOperatorWhoAccepts() {
    // given in "support" anna is offline, boris is full and carl is away
    givenNobodyAvailableInSupport();
    DialogView dialog = driver.takeoverChat("client-1");

    // when
    clientWrites(dialog, "Please get me an operator");

    // then the takeover changed nothing, and the request makes the dialog wait for an operator
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Event_OperatorConnected").isWaitingFor("operator_connected")
        .hasPassedInOrder("Task_LetOperatorTakeOver", "Gateway_TakenOver", "Task_RequestOperator",
            "Gateway_OperatorRequested", "StartEvent_WaitStarted", "Task_TellClientOperatorRequested")
        .hasNotPassed("Gateway_JoinOperatorFound", "Task_OperatorHandlesChat");
    assertThat(updatesOf(instance, "connect_result")).containsExactly("limit", "requested");
    assertThat(updatesOf(instance, "chat_state")).as("the takeover left chat_state alone")
        .containsExactly("BOT", "REQUESTED");
    assertThat(instance).variables()
        .containsEntry("connect_result", "requested")
        .containsEntry("chat_state", "REQUESTED")
        .containsEntry("operator_id", null)
        .containsEntry("connect_error", null);
    DialogView requested = driver.dialog(dialog.id());
    assertThat(requested.state()).isEqualTo(DialogState.REQUESTED);
    assertThat(requested.connectResult()).isEqualTo(ConnectResult.REQUESTED);
    assertThat(openDialogs.requested()).extracting(waiting -> waiting.id()).containsExactly(dialog.id());
    assertThat(transcript(dialog)).last().isEqualTo(line(Sender.BOT, OPERATOR_REQUESTED));
    assertThat(operators.get("boris").activeDialogs()).isEqualTo(1);

    // and the decision record says why nobody could take the chat over
    DecisionView decision = single(dialogs.decisions(dialog.id()));
    assertThat(decision.via()).isEqualTo(DialogAssigned.Via.TAKEOVER);
    assertThat(decision.outcome()).isEqualTo(DecisionRecord.Outcome.NO_FREE_OPERATOR);
    assertThat(decision.operatorId()).isNull();
    assertThat(decision.candidates()).extracting(CandidateView::operatorId, CandidateView::reason).containsExactly(
        Tuple.tuple("anna", SkipReason.OFFLINE),
        Tuple.tuple("boris", SkipReason.GENERAL_LIMIT),
        Tuple.tuple("carl", SkipReason.AWAY));

    // when the client writes while waiting, only the transcript gets it
    clientWrites(dialog, "Still there?");
    assertThat(instance).isWaitingAt("Event_OperatorConnected").hasNotPassed("Task_BotAnswers");

    // when anna comes online and accepts the dialog
    operators.setStatus("anna", OperatorStatus.ONLINE);
    DialogView accepted = dialogs.accept(dialog.id(), "anna");

    // then operator_connected brought the scenario to her task, and the maximum wait is over
    assertThat(accepted.state()).isEqualTo(DialogState.TAKEN_OVER);
    assertThat(accepted.operatorId()).isEqualTo("anna");
    assertThat(instance).isWaitingAt("Task_OperatorHandlesChat")
        .hasPassedInOrder("Event_OperatorConnected", "EndEvent_OperatorFound", "Gateway_JoinOperatorFound",
            "Task_AnnounceOperator");
    assertThat(instance).variables()
        .containsEntry("connect_result", "success")
        .containsEntry("chat_state", "TAKEN_OVER")
        .containsEntry("operator_id", "anna")
        .containsEntry("operator_name", "Anna");
    assertThat(task(instance)).isAssignedTo("anna");
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).count())
        .as("the maximum-wait timer is gone with the subprocess").isZero();
    assertThat(transcript(dialog)).last().isEqualTo(line(Sender.BOT, "Operator Anna has joined the chat."));
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);
    assertThat(dialogs.decisions(dialog.id())).last()
        .extracting(DecisionView::via, DecisionView::operatorId)
        .containsExactly(DialogAssigned.Via.ACCEPT, "anna");

    // when
    complete(task(instance));

    // then
    assertThat(instance).isEnded().hasPassed("EndEvent_ChatClosed");
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldApologizeAndEndWhenNoOperatorAcceptsWithinFifteenMinutes() {
    // given the dialog waits for an operator
    givenNobodyAvailableInSupport();
    DialogView dialog = driver.takeoverChat("client-1");
    clientWrites(dialog, "operator");
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isWaitingAt("Event_OperatorConnected");
    Job timer = job(instance);
    Instant start = Instant.now();

    // when fourteen minutes pass, the timer is not due yet
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(14))));
    assertThat(executableJobs(instance)).isZero();

    // when fifteen minutes and a bit pass
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(15)).plusSeconds(5)));
    assertThat(executableJobs(instance)).isEqualTo(1);
    execute(timer);

    // then
    assertThat(instance).isEnded()
        .hasPassedInOrder("BoundaryEvent_MaximumWaitReached", "Task_ApologizeNoOperatorInTime",
            "EndEvent_NoOperatorInTime")
        .hasNotPassed("EndEvent_OperatorFound", "Task_OperatorHandlesChat");
    assertThat(transcript(dialog)).last().isEqualTo(line(Sender.BOT, NO_OPERATOR_IN_TIME));
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(openDialogs.requested()).isEmpty();

    // and nobody can accept it any more
    operators.setStatus("anna", OperatorStatus.ONLINE);
    assertThatThrownBy(() -> dialogs.accept(dialog.id(), "anna")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("CLOSED");
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldApologizeWithoutRequestingAnOperatorWhenTheClientIsBanned() {
    // given an operator is free, but the client is banned
    driver.onlineOperator("anna", 2, "support");
    ban("client-1");
    DialogView dialog = driver.takeoverChat("client-1");

    // when
    clientWrites(dialog, "operator");

    // then neither the takeover nor the request changed anything, and the scenario apologized
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isEnded()
        .hasPassedInOrder("Task_LetOperatorTakeOver", "Gateway_TakenOver", "Task_RequestOperator",
            "Gateway_OperatorRequested", "Task_ApologizeNoOperatorPossible", "EndEvent_NoOperatorPossible")
        .hasNotPassed("SubProcess_WaitForOperator", "Task_OperatorHandlesChat");
    assertThat(instance).variables()
        .containsEntry("connect_result", "banned")
        .containsEntry("connect_error", "client client-1 is banned")
        .containsEntry("chat_state", "BOT")
        .doesNotContainKey("operator_id");
    assertThat(updatesOf(instance, "chat_state")).containsExactly("BOT");
    assertThat(openDialogs.requested()).isEmpty();
    assertThat(transcript(dialog)).last().isEqualTo(line(Sender.BOT, NO_OPERATOR_POSSIBLE));
    assertThat(driver.dialog(dialog.id()).state()).isEqualTo(DialogState.CLOSED);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldKeepATakenOverChatInItsGroupWhenItIsHandedToAnotherOperator() {
    // given anna took the chat over in "support"; bob (support) has a dialog, dave (sales) none
    driver.onlineOperator("bob", 3, "support");
    driver.supportChat("busy-1");
    driver.onlineOperator("anna", 3, "support");
    DialogView dialog = driver.takeoverChat("client-1");
    clientWrites(dialog, "operator");
    assertThat(driver.dialog(dialog.id()).operatorId()).isEqualTo("anna");
    assertThat(driver.dialog(dialog.id()).subject()).isEqualTo("support");
    driver.onlineOperator("dave", 3, "sales");

    // when anna's dialogs are redistributed
    var response = HttpApi.asAdmin(rest).postForEntity("/api/operators/anna/redistribute", Map.of(), String.class);

    // then the chat went to bob, in its group, and his is the operator's task now
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DialogView moved = driver.dialog(dialog.id());
    assertThat(moved.operatorId()).isEqualTo("bob");
    assertThat(moved.subject()).isEqualTo("support");
    assertThat(task(instanceOf(dialog))).isAssignedTo("bob");
    assertThat(operators.get("dave").activeDialogs()).isZero();
    assertThat(dialogs.decisions(dialog.id())).last()
        .extracting(DecisionView::via, DecisionView::method, DecisionView::operatorId)
        .containsExactly(DialogAssigned.Via.REDISTRIBUTION, "FEWEST_DIALOGS", "bob");
  }

  /** anna (two dialogs), carl (one) and boris (none), all online in "support". */
  private void givenSupportOperatorsWithTwoOneAndNoDialogs() {
    driver.onlineOperator("anna", 5, "support");
    driver.supportChat("busy-1");
    driver.supportChat("busy-2");
    driver.onlineOperator("carl", 5, "support");
    driver.supportChat("busy-3");
    driver.onlineOperator("boris", 5, "support");
    assertThat(operators.list()).extracting(operator -> operator.id() + "=" + operator.activeDialogs())
        .containsExactlyInAnyOrder("anna=2", "carl=1", "boris=0");
  }

  /** In "support": anna is offline, boris has his only slot taken, carl is away. */
  private void givenNobodyAvailableInSupport() {
    operators.create("anna", "Anna", Set.of("support"), 2, Map.of(), OperatorStatus.OFFLINE);
    driver.onlineOperator("boris", 1, "support");
    driver.supportChat("busy-1");
    operators.create("carl", "Carl", Set.of("support"), 2, Map.of(), OperatorStatus.AWAY);
    assertThat(operators.get("boris").activeDialogs()).isEqualTo(1);
  }

  private void ban(String clientId) {
    var response = HttpApi.asAdmin(rest).postForEntity("/api/clients/" + clientId + "/ban", Map.of("reason", "abuse"), Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  private void clientWrites(DialogView dialog, String text) {
    dialogs.post(dialog.id(), Sender.CLIENT, null, text);
  }

  private List<Object> updatesOf(ProcessInstance instance, String variable) {
    return ProcessInstances.updatesOf(history, instance.getId(), variable);
  }

  private long finished(ProcessInstance instance, String activityId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).activityId(activityId)
        .finished().count();
  }

  private long executableJobs(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).executable().count();
  }

  private List<TranscriptLine> transcript(DialogView dialog) {
    return dialogs.messages(dialog.id()).stream().map(TranscriptLine::of).toList();
  }

  private static TranscriptLine line(Sender from, String text) {
    return new TranscriptLine(from, null, text);
  }

  private static DecisionView single(List<DecisionView> decisions) {
    assertThat(decisions).hasSize(1);
    return decisions.get(0);
  }

  private ProcessInstance instanceOf(DialogView dialog) {
    return ProcessInstances.byId(runtime, dialog.processInstanceId());
  }

  /** A transcript line without its id and time. */
  private record TranscriptLine(Sender from, String operatorId, String text) {

    static TranscriptLine of(TranscriptMessage message) {
      return new TranscriptLine(message.from(), message.operatorId(), message.text());
    }
  }
}
