package io.operatorconnect.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code estimatedWaitSeconds} in {@code GET /api/queue}, {@code GET /api/dialogs/{id}} and the
 * panel's In Queue folder over real HTTP: position among the subject's queued dialogs × average
 * handling time of recently closed dialogs / slots of the subject's ONLINE operators.
 */
@OperatorConnectTest
class EstimatedWaitApiTests {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RepositoryService repository;
  @Autowired
  RuntimeService runtime;

  HttpApi api;
  String subjectScenario;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @AfterEach
  void undeploySubjectScenario() {
    if (subjectScenario != null) {
      repository.deleteDeployment(subjectScenario, true);
    }
  }

  @Test
  void shouldEstimateEachWaitFromRecentHandlingTimesAndTheSlotsOfOnlineOperators() {
    // given anna (online, two slots) handled two dialogs in 4 and 6 minutes; boris is offline
    api.operator("anna", 2, "ONLINE", "support");
    api.operator("boris", 3, "OFFLINE", "support");
    handled(Duration.ofMinutes(4));
    handled(Duration.ofMinutes(6));
    // and anna's slots are taken, three clients wait
    String busy = api.supportChat("client-busy-1").path("id").asText();
    api.supportChat("client-busy-2");
    String first = queuedSupportChat("client-1");
    String second = queuedSupportChat("client-2");
    String third = queuedSupportChat("client-3");

    // when
    JsonNode queue = api.get("/api/queue").assertStatus(200).body();

    // then five minutes on average over two slots: one dialog served every 150 seconds
    assertThat(queue).extracting(entry -> entry.path("dialogId").asText()).containsExactly(first, second, third);
    assertThat(queue).extracting(entry -> entry.path("estimatedWaitSeconds").asLong()).containsExactly(150L, 300L, 450L);
    JsonNode waiting = api.dialog(second);
    assertThat(waiting.path("queuePosition").asInt()).isEqualTo(2);
    assertThat(waiting.path("estimatedWaitSeconds").asLong()).isEqualTo(300);
    JsonNode inQueueFolder = api.get("/api/panel/folders?operatorId=anna").assertStatus(200).body().path("inQueue");
    assertThat(inQueueFolder).extracting(entry -> entry.path("estimatedWaitSeconds").asLong())
        .containsExactly(150L, 300L, 450L);
    assertThat(api.dialog(busy).has("estimatedWaitSeconds")).isTrue();
    assertThat(api.dialog(busy).path("estimatedWaitSeconds").isNull()).as("an operator has it").isTrue();

    // when anna closes a dialog and the first waiting one reaches her
    api.post("/api/dialogs/" + busy + "/close", null).assertStatus(200);
    api.awaitState(first, "TAKEN_OVER");

    // then the others move up, and the average takes in the dialog just closed
    long justHandled = Duration.between(Instant.parse(api.dialog(busy).path("assignedAt").asText()),
        Instant.parse(api.dialog(busy).path("closedAt").asText())).toMillis();
    long average = (Duration.ofMinutes(10).toMillis() + justHandled) / 3;
    assertThat(api.dialog(first).path("estimatedWaitSeconds").isNull()).isTrue();
    assertThat(api.dialog(second).path("estimatedWaitSeconds").asLong()).isEqualTo(ceilSeconds(average, 2));
    assertThat(api.dialog(third).path("estimatedWaitSeconds").asLong()).isEqualTo(ceilSeconds(2 * average, 2));
  }

  @Test
  void shouldShowNoEstimateBeforeAnOperatorHasHandledADialog() {
    // given nobody is online, and a dialog that left the queue without an operator was closed
    api.operator("anna", 2, "OFFLINE", "support");
    JsonNode gaveUp = api.supportChat("client-0");
    runtime.deleteProcessInstance(gaveUp.path("processInstanceId").asText(), "client left");
    assertThat(api.dialog(gaveUp.path("id").asText()).path("state").asText()).isEqualTo("CLOSED");
    String waiting = queuedSupportChat("client-1");

    // when
    JsonNode queue = api.get("/api/queue").assertStatus(200).body();
    JsonNode dialog = api.dialog(waiting);

    // then
    assertThat(queue).hasSize(1);
    assertThat(queue.get(0).has("estimatedWaitSeconds")).isTrue();
    assertThat(queue.get(0).path("estimatedWaitSeconds").isNull()).isTrue();
    assertThat(dialog.path("queuePosition").asInt()).isEqualTo(1);
    assertThat(dialog.path("estimatedWaitSeconds").isNull()).isTrue();
  }

  @Test
  void shouldCountOnlyTheSubjectsQueueAndOperatorsAndBorrowTheHistoryOfOthersWhenTheSubjectHasNone() {
    // given support dialogs take 10 minutes; anna's one slot is taken
    api.operator("anna", 1, "ONLINE", "support");
    handled(Duration.ofMinutes(10));
    api.supportChat("client-busy");
    // and carla's two sales slots are taken, by dialogs nobody has closed yet
    deploySubjectScenario();
    api.operator("carla", 2, "ONLINE", "sales");
    api.awaitState(subjectChat("client-sales-busy-1", "sales"), "TAKEN_OVER");
    api.awaitState(subjectChat("client-sales-busy-2", "sales"), "TAKEN_OVER");
    // and support and sales dialogs wait, interleaved
    String support1 = queuedSupportChat("client-1");
    String sales1 = subjectChat("client-2", "sales");
    String support2 = queuedSupportChat("client-3");

    // when
    JsonNode queue = api.get("/api/queue").assertStatus(200).body();

    // then each waits behind its own subject only: sales has no history of its own and borrows support's
    assertThat(queue).extracting(entry -> entry.path("dialogId").asText()).containsExactly(support1, sales1, support2);
    assertThat(queue).extracting(entry -> entry.path("estimatedWaitSeconds").asLong())
        .containsExactly(600L, 300L, 1200L);
    JsonNode sales = api.dialog(sales1);
    assertThat(sales.path("queuePosition").asInt()).as("in the whole queue").isEqualTo(2);
    assertThat(sales.path("estimatedWaitSeconds").asLong()).isEqualTo(300);
  }

  /** A support dialog that anna took and closed, made to have lasted {@code handling}. */
  private void handled(Duration handling) {
    JsonNode dialog = api.supportChat("client-handled-" + handling.toSeconds());
    assertThat(dialog.path("state").asText()).isEqualTo("TAKEN_OVER");
    String id = dialog.path("id").asText();
    api.post("/api/dialogs/" + id + "/close", null).assertStatus(200);
    Instant closed = Instant.now().minusSeconds(60);
    jdbc.sql("UPDATE oc_dialog SET assigned_at = ?, closed_at = ? WHERE id = ?")
        .params(closed.minus(handling).atOffset(ZoneOffset.UTC), closed.atOffset(ZoneOffset.UTC), id)
        .update();
  }

  private String queuedSupportChat(String clientId) {
    JsonNode dialog = api.supportChat(clientId);
    assertThat(dialog.path("state").asText()).isEqualTo("QUEUED");
    return dialog.path("id").asText();
  }

  private String subjectChat(String clientId, String subject) {
    return api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", clientId, "scenario", "subject_chat",
        "variables", Map.of("subject", subject))).assertStatus(201).body().path("id").asText();
  }

  private static long ceilSeconds(long millis, int slots) {
    return (millis + 1000L * slots - 1) / (1000L * slots);
  }

  private void deploySubjectScenario() {
    BpmnModelInstance scenario = Bpmn.createExecutableProcess("subject_chat")
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_DialogStarted")
        .serviceTask("Task_EnqueueForSubject").camundaDelegateExpression("${connectToOperatorWithMsg}")
        .camundaInputParameter("config", "{\"auto_connect_operator\": true, \"status\": \"queue\"}")
        .camundaInputParameter("subject_alias", "${subject}")
        .intermediateCatchEvent("Event_OperatorConnected").message("operator_connected")
        .userTask("Task_HandleDialog").camundaAssignee("${operator_id}")
        .endEvent("EndEvent_DialogClosed")
        .done();
    subjectScenario = repository.createDeployment().name("subject chat (EstimatedWaitApiTests)")
        .addModelInstance("subject-chat.bpmn", scenario).deploy().getId();
  }
}
