package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST /api/dialogs/{id}/accept} over real HTTP: manual connection and why it can be refused. */
@OperatorConnectTest
class DialogAcceptApiTests {

  @LocalServerPort
  int port;
  @Autowired
  TaskService tasks;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldConnectARequestedDialogToTheOperatorWhoAcceptsIt() {
    // given auto-connect is off, so a new dialog waits for someone to take it
    api.settings(false);
    api.operator("anna", 2, "ONLINE", "support");
    JsonNode requested = api.supportChat("client-1");
    String id = requested.path("id").asText();
    assertThat(requested.path("state").asText()).isEqualTo("REQUESTED");
    assertThat(requested.path("connectResult").asText()).isEqualTo("requested");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).count()).isZero();

    // when
    HttpApi.Response accepted = api.post(accept(id), Map.of("operatorId", "anna"));

    // then
    JsonNode dialog = accepted.assertStatus(200).body();
    assertThat(dialog.path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(dialog.path("operatorId").asText()).isEqualTo("anna");
    assertThat(dialog.path("connectResult").asText()).isEqualTo("success");
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult();
    assertThat(task.getAssignee()).isEqualTo("anna");
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_HandleDialog");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isEqualTo(1);
  }

  @Test
  void shouldConnectAQueuedDialogToTheOperatorWhoAcceptsIt() {
    // given anna's only slot is taken, a second dialog waits in the queue, and then auto-connect is turned off
    api.operator("anna", 1, "ONLINE", "support");
    api.supportChat("client-1");
    String queued = api.supportChat("client-2").path("id").asText();
    assertThat(api.dialog(queued).path("state").asText()).isEqualTo("QUEUED");
    api.settings(false);
    api.operator("bob", 1, "ONLINE", "support");

    // when
    HttpApi.Response accepted = api.post(accept(queued), Map.of("operatorId", "bob"));

    // then
    JsonNode dialog = accepted.assertStatus(200).body();
    assertThat(dialog.path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(dialog.path("operatorId").asText()).isEqualTo("bob");
    assertThat(dialog.path("queuePosition").isNull()).isTrue();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(queued).singleResult().getAssignee())
        .isEqualTo("bob");
    assertThat(api.get("/api/queue").body()).isEmpty();
  }

  @Test
  void shouldRefuseAnOperatorAtTheirLimitSayingSo() {
    // given anna already has her only dialog
    api.settings(false);
    api.operator("anna", 1, "ONLINE", "support");
    String first = api.supportChat("client-1").path("id").asText();
    api.post(accept(first), Map.of("operatorId", "anna")).assertStatus(200);
    String second = api.supportChat("client-2").path("id").asText();

    // when
    HttpApi.Response refused = api.post(accept(second), Map.of("operatorId", "anna"));

    // then
    refused.assertProblem(409, "operator 'anna' has reached the general dialog limit", second);
    assertThat(api.dialog(second).path("state").asText()).isEqualTo("REQUESTED");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isEqualTo(1);
  }

  @Test
  void shouldRefuseAnOperatorAtTheirChannelLimitSayingSo() {
    // given anna may work three dialogs, but only one on telegram
    api.settings(false);
    api.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"), "maxDialogs", 3,
        "channelLimits", Map.of("telegram", 1), "status", "ONLINE")).assertStatus(201);
    String first = api.supportChat("client-1").path("id").asText();
    api.post(accept(first), Map.of("operatorId", "anna")).assertStatus(200);
    String second = api.supportChat("client-2").path("id").asText();

    // when
    HttpApi.Response refused = api.post(accept(second), Map.of("operatorId", "anna"));

    // then
    refused.assertProblem(409, "anna", "limit for the channel");
    assertThat(api.dialog(second).path("state").asText()).isEqualTo("REQUESTED");
  }

  @Test
  void shouldRefuseAnOfflineOperatorSayingSo() {
    // given
    api.settings(false);
    api.operator("anna", 2, "OFFLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();

    // when
    HttpApi.Response refused = api.post(accept(id), Map.of("operatorId", "anna"));

    // then
    refused.assertProblem(409, "operator 'anna' is OFFLINE");
    assertThat(api.dialog(id).path("state").asText()).isEqualTo("REQUESTED");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).count()).isZero();
  }

  @Test
  void shouldRefuseAnOperatorOfAnotherSubject() {
    // given
    api.settings(false);
    api.operator("anna", 2, "ONLINE", "support");
    api.operator("sam", 2, "ONLINE", "sales");
    String id = api.supportChat("client-1").path("id").asText();

    // when
    HttpApi.Response refused = api.post(accept(id), Map.of("operatorId", "sam"));

    // then
    refused.assertProblem(409, "sam", "subject");
    assertThat(api.dialog(id).path("state").asText()).isEqualTo("REQUESTED");
  }

  @Test
  void shouldRefuseToAcceptADialogAnOperatorAlreadyHas() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 1, "OFFLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();
    api.put("/api/operators/bob/status", Map.of("status", "ONLINE")).assertStatus(200);

    // when
    HttpApi.Response refused = api.post(accept(id), Map.of("operatorId", "bob"));

    // then
    refused.assertProblem(409, "TAKEN_OVER");
    assertThat(api.dialog(id).path("operatorId").asText()).isEqualTo("anna");
    assertThat(api.operator("bob").path("activeDialogs").asInt()).isZero();
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownOperatorOrDialog() {
    // given
    api.settings(false);
    api.operator("anna", 1, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();

    // when / then
    api.post(accept(id), Map.of("operatorId", "nobody")).assertProblem(404, "nobody");
    api.post(accept("no-such-dialog"), Map.of("operatorId", "anna")).assertProblem(404, "no-such-dialog");
    assertThat(api.dialog(id).path("state").asText()).isEqualTo("REQUESTED");
  }

  @Test
  void shouldRefuseAnAcceptanceWithoutAValidOperatorId() {
    // given
    api.settings(false);
    api.operator("anna", 1, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();

    // when / then
    api.post(accept(id), Map.of()).assertProblem(400, "operatorId");
    api.post(accept(id), Map.of("operatorId", "an na")).assertProblem(400, "operatorId");
    api.post(accept(id), Map.of("operator", "anna")).assertProblem(400, "operator");
  }

  private static String accept(String dialogId) {
    return "/api/dialogs/" + dialogId + "/accept";
  }
}
