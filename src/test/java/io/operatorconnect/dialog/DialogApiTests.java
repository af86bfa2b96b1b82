package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /api/dialogs}, {@code GET /api/dialogs/{id}} and {@code POST /api/dialogs/{id}/close} over real HTTP. */
@OperatorConnectTest
class DialogApiTests {

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  TaskService tasks;
  @Autowired
  RepositoryService repository;
  @Autowired
  JdbcClient jdbc;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldStartTheScenarioWithTheDialogsVariablesAndTheGivenOnes() {
    // given
    api.operator("anna", 2, "ONLINE", "support");
    Map<String, Object> variables = new HashMap<>();
    variables.put("order", "A-17");
    variables.put("amount", 42);
    variables.put("vip", true);
    variables.put("note", null);

    // when
    HttpApi.Response created = api.post("/api/dialogs",
        Map.of("channel", "telegram", "clientId", "client-1", "scenario", "support_chat", "variables", variables));

    // then
    JsonNode dialog = created.assertStatus(201).body();
    String id = dialog.path("id").asText();
    String processInstanceId = dialog.path("processInstanceId").asText();
    assertThat(id).isNotBlank();
    assertThat(processInstanceId).isNotBlank();
    assertThat(dialog.path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(dialog.path("operatorId").asText()).isEqualTo("anna");
    assertThat(dialog.path("connectResult").asText()).isEqualTo("success");

    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    assertThat(instance.getBusinessKey()).isEqualTo(id);
    Map<String, Object> live = runtime.getVariables(processInstanceId);
    assertThat(live).containsEntry("dialog_id", id).containsEntry("channel", "telegram")
        .containsEntry("client_id", "client-1").containsEntry("order", "A-17").containsEntry("amount", 42)
        .containsEntry("vip", true).containsEntry("note", null)
        .containsEntry("chat_state", "TAKEN_OVER").containsEntry("operator_id", "anna");
    assertThat(firstValueOf(processInstanceId, "chat_state")).isEqualTo("BOT");
  }

  @Test
  void shouldRefuseAScenarioThatIsNotDeployedNamingTheDeployedOnes() {
    // when
    HttpApi.Response refused = api.post("/api/dialogs",
        Map.of("channel", "telegram", "clientId", "client-1", "scenario", "sales_chat"));

    // then
    refused.assertProblem(404, "sales_chat", "support_chat");
    assertThat(runtime.createProcessInstanceQuery().count()).isZero();
    // and the dialog's row, written before the scenario was looked up, was rolled back with the start
    assertThat(jdbc.sql("SELECT COUNT(*) FROM oc_dialog").query(Integer.class).single()).isZero();
  }

  @Test
  void shouldRefuseASuspendedScenario() {
    // given
    repository.suspendProcessDefinitionByKey("support_chat");
    try {
      // when
      HttpApi.Response refused = api.post("/api/dialogs",
          Map.of("channel", "telegram", "clientId", "client-1", "scenario", "support_chat"));

      // then
      refused.assertProblem(404, "support_chat", "suspended");
      assertThat(runtime.createProcessInstanceQuery().count()).isZero();
      assertThat(jdbc.sql("SELECT COUNT(*) FROM oc_dialog").query(Integer.class).single()).isZero();
    } finally {
      repository.activateProcessDefinitionByKey("support_chat");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dialog_id", "channel", "client_id", "chat_state", "connect_result", "operator_id",
      "operator_name", "queue_position", "connect_error"})
  void shouldRefuseVariablesThatOperatorConnectSetsItself(String reserved) {
    // when
    HttpApi.Response refused = api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "client-1",
        "scenario", "support_chat", "variables", Map.of(reserved, "mine")));

    // then
    refused.assertProblem(400, reserved);
    assertThat(runtime.createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void shouldRefuseStructuredVariables() {
    // when
    HttpApi.Response nested = api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "client-1",
        "scenario", "support_chat", "variables", Map.of("order", Map.of("id", 17))));
    HttpApi.Response list = api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "client-1",
        "scenario", "support_chat", "variables", Map.of("items", List.of(1, 2))));

    // then
    nested.assertProblem(400, "order");
    list.assertProblem(400, "items");
    assertThat(runtime.createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void shouldRefuseATextVariableLongerThanTheEngineCanKeep() {
    // given
    api.operator("anna", 1, "ONLINE", "support");

    // when
    HttpApi.Response refused = api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "client-1",
        "scenario", "support_chat", "variables", Map.of("note", "x".repeat(4001))));
    HttpApi.Response longest = api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "client-2",
        "scenario", "support_chat", "variables", Map.of("note", "x".repeat(4000))));

    // then
    refused.assertProblem(400, "variables.note", "4001", "4000");
    JsonNode started = longest.assertStatus(201).body();
    assertThat(runtime.getVariable(started.path("processInstanceId").asText(), "note")).isEqualTo("x".repeat(4000));
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(1);
  }

  @Test
  void shouldRefuseANumberTheEngineCouldOnlyKeepAsASerializedJavaObject() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    String tooBig = "{\"channel\":\"telegram\",\"clientId\":\"client-1\",\"scenario\":\"support_chat\","
        + "\"variables\":{\"n\":12345678901234567890123}}";
    String largestLong = "{\"channel\":\"telegram\",\"clientId\":\"client-2\",\"scenario\":\"support_chat\","
        + "\"variables\":{\"n\":" + Long.MAX_VALUE + ",\"ratio\":1.5}}";

    // when
    HttpApi.Response refused = api.send(HttpMethod.POST, "/api/dialogs", tooBig);
    HttpApi.Response started = api.send(HttpMethod.POST, "/api/dialogs", largestLong);

    // then
    refused.assertProblem(400, "variables.n", "out of range");
    String processInstanceId = started.assertStatus(201).text("processInstanceId");
    assertThat(runtime.getVariable(processInstanceId, "n")).isEqualTo(Long.MAX_VALUE);
    assertThat(runtime.getVariable(processInstanceId, "ratio")).isEqualTo(1.5);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(1);
  }

  static Stream<Arguments> invalidNewDialogs() {
    return Stream.of(
        Arguments.of("channel with spaces", Map.of("channel", "tele gram", "clientId", "c-1", "scenario", "support_chat"),
            "channel"),
        Arguments.of("missing channel", Map.of("clientId", "c-1", "scenario", "support_chat"), "channel"),
        Arguments.of("empty clientId", Map.of("channel", "telegram", "clientId", "", "scenario", "support_chat"),
            "clientId"),
        Arguments.of("clientId too long", Map.of("channel", "telegram", "clientId", "c".repeat(65),
            "scenario", "support_chat"), "clientId"),
        Arguments.of("missing scenario", Map.of("channel", "telegram", "clientId", "c-1"), "scenario"),
        Arguments.of("unknown field", Map.of("channel", "telegram", "clientId", "c-1", "scenario", "support_chat",
            "variable", Map.of()), "variable"),
        Arguments.of("empty variable name", Map.of("channel", "telegram", "clientId", "c-1", "scenario", "support_chat",
            "variables", Map.of("", 1)), "variables"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidNewDialogs")
  void shouldRefuseAnInvalidNewDialogNamingWhatIsWrong(String problem, Map<String, Object> body, String named) {
    // when
    HttpApi.Response refused = api.post("/api/dialogs", body);

    // then
    refused.assertProblem(400, named);
    assertThat(runtime.createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void shouldShowAQueuedDialogWithItsPlaceInTheQueue() {
    // given anna's only slot is taken
    api.operator("anna", 1, "ONLINE", "support");
    api.supportChat("client-1");

    // when
    String id = api.supportChat("client-2").path("id").asText();

    // then
    JsonNode queued = api.get("/api/dialogs/" + id).assertStatus(200).body();
    assertThat(queued.path("id").asText()).isEqualTo(id);
    assertThat(queued.path("state").asText()).isEqualTo("QUEUED");
    assertThat(queued.path("operatorId").isNull()).isTrue();
    assertThat(queued.path("queuePosition").asInt()).isEqualTo(1);
    assertThat(queued.path("connectResult").asText()).isEqualTo("queued");
    assertThat(queued.path("subject").asText()).isEqualTo("support");
    assertThat(Instant.parse(queued.path("createdAt").asText())).isBeforeOrEqualTo(Instant.now());
    assertThat(Instant.parse(queued.path("queuedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(queued.path("createdAt").asText()));
    assertThat(queued.path("assignedAt").isNull()).isTrue();
    assertThat(queued.path("closedAt").isNull()).isTrue();
  }

  @Test
  void shouldShowAConnectedDialogWithItsOperator() {
    // given
    api.operator("anna", 1, "ONLINE", "support");

    // when
    String id = api.supportChat("client-1").path("id").asText();

    // then
    JsonNode connected = api.get("/api/dialogs/" + id).assertStatus(200).body();
    assertThat(connected.path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(connected.path("operatorId").asText()).isEqualTo("anna");
    assertThat(connected.path("queuePosition").isNull()).isTrue();
    assertThat(connected.path("connectResult").asText()).isEqualTo("success");
    assertThat(Instant.parse(connected.path("assignedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(connected.path("createdAt").asText()));
    assertThat(connected.path("closedAt").isNull()).isTrue();
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownDialog() {
    // when / then
    api.get("/api/dialogs/no-such-dialog").assertProblem(404, "no-such-dialog");
    api.post("/api/dialogs/no-such-dialog/close", null).assertProblem(404, "no-such-dialog");
  }

  @Test
  void shouldCloseADialogWhoseOperatorTaskNoLongerExistsAndFreeTheSlot() {
    // given anna's dialog points at a task the engine does not have (gone from its tables by hand)
    api.operator("anna", 1, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();
    jdbc.sql("UPDATE oc_dialog SET operator_task_id = 'no-such-task' WHERE id = ?").param(id).update();

    // when
    HttpApi.Response closed = api.post("/api/dialogs/" + id + "/close", null);

    // then the dialog is closed all the same and anna is free
    assertThat(closed.assertStatus(200).body().path("state").asText()).isEqualTo("CLOSED");
    assertThat(api.get("/api/operators/anna").assertStatus(200).body().path("activeDialogs").asInt()).isZero();
  }

  @Test
  void shouldCloseTheDialogByCompletingTheOperatorsTaskAndServeTheNextOne() {
    // given anna has one dialog and another waits
    api.operator("anna", 1, "ONLINE", "support");
    JsonNode first = api.supportChat("client-1");
    String firstId = first.path("id").asText();
    String waiting = api.supportChat("client-2").path("id").asText();
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(firstId).singleResult();
    assertThat(task.getAssignee()).isEqualTo("anna");

    // when
    HttpApi.Response closed = api.post("/api/dialogs/" + firstId + "/close", null);

    // then the operator's task is completed and the scenario has ended
    JsonNode body = closed.assertStatus(200).body();
    assertThat(body.path("state").asText()).isEqualTo("CLOSED");
    assertThat(body.path("closedAt").asText()).isNotBlank();
    HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult();
    assertThat(done.getEndTime()).isNotNull();
    assertThat(done.getDeleteReason()).isEqualTo("completed");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(first.path("processInstanceId").asText())
        .singleResult().getEndActivityId()).isEqualTo("EndEvent_DialogClosed");

    // and the freed slot serves the queued dialog
    JsonNode served = api.awaitState(waiting, "TAKEN_OVER");
    assertThat(served.path("operatorId").asText()).isEqualTo("anna");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(waiting).singleResult().getAssignee())
        .isEqualTo("anna");
    JsonNode anna = api.operator("anna");
    assertThat(anna.path("activeDialogs").asInt()).isEqualTo(1);
    assertThat(anna.path("lastClosedAt").asText()).isNotBlank();
  }

  @Test
  void shouldRefuseToCloseADialogNoOperatorHas() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    String taken = api.supportChat("client-1").path("id").asText();
    String queued = api.supportChat("client-2").path("id").asText();

    // when
    HttpApi.Response closingQueued = api.post("/api/dialogs/" + queued + "/close", null);

    // then
    closingQueued.assertProblem(409, queued, "QUEUED");
    assertThat(api.dialog(queued).path("state").asText()).isEqualTo("QUEUED");

    // when
    api.post("/api/dialogs/" + taken + "/close", null).assertStatus(200);
    api.awaitState(queued, "TAKEN_OVER");
    HttpApi.Response closingAgain = api.post("/api/dialogs/" + taken + "/close", null);

    // then
    closingAgain.assertProblem(409, taken, "CLOSED");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isEqualTo(1);
  }

  @Test
  void shouldRefuseToCloseARequestedDialog() {
    // given auto-connect is off, so the dialog waits for someone to accept it
    api.settings(false);
    api.operator("anna", 1, "ONLINE", "support");
    String requested = api.supportChat("client-1").path("id").asText();

    // when
    HttpApi.Response refused = api.post("/api/dialogs/" + requested + "/close", null);

    // then
    refused.assertProblem(409, "REQUESTED");
    assertThat(api.dialog(requested).path("state").asText()).isEqualTo("REQUESTED");
  }

  private Object firstValueOf(String processInstanceId, String variable) {
    return history.createHistoricDetailQuery().processInstanceId(processInstanceId).variableUpdates()
        .orderByTime().asc().orderPartiallyByOccurrence().asc().list().stream()
        .map(HistoricVariableUpdate.class::cast)
        .filter(update -> update.getVariableName().equals(variable))
        .findFirst().orElseThrow().getValue();
  }
}
