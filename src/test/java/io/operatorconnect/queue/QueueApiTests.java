package io.operatorconnect.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code GET /api/queue} over real HTTP: the In Queue folder in serving order, with wait times. */
@OperatorConnectTest
class QueueApiTests {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RepositoryService repository;

  HttpApi api;
  String priorityScenario;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @AfterEach
  void undeployPriorityScenario() {
    if (priorityScenario != null) {
      repository.deleteDeployment(priorityScenario, true);
    }
  }

  @Test
  void shouldListAnEmptyQueue() {
    // when / then
    assertThat(api.get("/api/queue").assertStatus(200).body().isArray()).isTrue();
    assertThat(api.get("/api/queue").body()).isEmpty();
  }

  @Test
  void shouldListWaitingDialogsOldestFirstWithPositionsAndWaitTimes() {
    // given anna's only slot is taken and three clients wait
    api.operator("anna", 1, "ONLINE", "support");
    api.supportChat("client-0");
    List<String> waiting = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      waiting.add(api.supportChat("client-" + i).path("id").asText());
    }
    // and they have waited 300, 200 and 100 seconds
    for (int i = 0; i < 3; i++) {
      jdbc.sql("UPDATE oc_dialog SET queued_at = ? WHERE id = ?")
          .params(Instant.now().minusSeconds(300 - 100L * i).atOffset(ZoneOffset.UTC), waiting.get(i))
          .update();
    }

    // when
    JsonNode queue = api.get("/api/queue").assertStatus(200).body();

    // then
    assertThat(queue).extracting(entry -> entry.path("dialogId").asText()).containsExactlyElementsOf(waiting);
    assertThat(queue).extracting(entry -> entry.path("position").asInt()).containsExactly(1, 2, 3);
    assertThat(queue).extracting(entry -> entry.path("clientId").asText())
        .containsExactly("client-1", "client-2", "client-3");
    assertThat(queue).allSatisfy(entry -> {
      assertThat(entry.path("channel").asText()).isEqualTo("telegram");
      assertThat(entry.path("subject").asText()).isEqualTo("support");
      assertThat(entry.path("queuedAt").asText()).isNotBlank();
    });
    assertThat(queue.get(0).path("waitingSeconds").asLong()).isBetween(300L, 330L);
    assertThat(queue.get(1).path("waitingSeconds").asLong()).isBetween(200L, 230L);
    assertThat(queue.get(2).path("waitingSeconds").asLong()).isBetween(100L, 130L);
    assertThat(api.dialog(waiting.get(2)).path("queuePosition").asInt()).isEqualTo(3);
  }

  @Test
  void shouldServeTheOldestWaitingDialogFirstAndMoveTheOthersUp() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    String first = api.supportChat("client-0").path("id").asText();
    String older = api.supportChat("client-1").path("id").asText();
    String newer = api.supportChat("client-2").path("id").asText();

    // when
    api.post("/api/dialogs/" + first + "/close", null).assertStatus(200);

    // then
    assertThat(api.awaitState(older, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("anna");
    JsonNode queue = api.get("/api/queue").body();
    assertThat(queue).extracting(entry -> entry.path("dialogId").asText()).containsExactly(newer);
    assertThat(queue.get(0).path("position").asInt()).isEqualTo(1);
    assertThat(api.dialog(newer).path("queuePosition").asInt()).isEqualTo(1);
  }

  @Test
  void shouldListAndServeHigherPriorityFirst() {
    // given a scenario that queues every dialog with the priority the dialog was started with
    deployPriorityScenario();
    api.operator("anna", 1, "OFFLINE", "support");
    String normal = priorityChat("client-1", 0);
    String urgent = priorityChat("client-2", 5);
    String later = priorityChat("client-3", 0);

    // when
    JsonNode queue = api.get("/api/queue").assertStatus(200).body();

    // then
    assertThat(queue).extracting(entry -> entry.path("dialogId").asText()).containsExactly(urgent, normal, later);
    assertThat(queue).extracting(entry -> entry.path("priority").asInt()).containsExactly(5, 0, 0);
    assertThat(api.dialog(urgent).path("queuePosition").asInt()).isEqualTo(1);
    assertThat(api.dialog(normal).path("queuePosition").asInt()).isEqualTo(2);

    // when anna comes online with one slot
    api.put("/api/operators/anna/status", Map.of("status", "ONLINE")).assertStatus(200);

    // then the urgent dialog is served, the others keep their order
    assertThat(api.awaitState(urgent, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("anna");
    assertThat(api.get("/api/queue").body()).extracting(entry -> entry.path("dialogId").asText())
        .containsExactly(normal, later);
  }

  private String priorityChat(String clientId, int priority) {
    JsonNode dialog = api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", clientId,
        "scenario", "priority_chat", "variables", Map.of("priority", priority))).assertStatus(201).body();
    assertThat(dialog.path("state").asText()).isEqualTo("QUEUED");
    return dialog.path("id").asText();
  }

  private void deployPriorityScenario() {
    BpmnModelInstance scenario = Bpmn.createExecutableProcess("priority_chat")
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_DialogStarted")
        .serviceTask("Task_EnqueueWithPriority").camundaDelegateExpression("${connectToOperatorWithMsg}")
        .camundaInputParameter("config",
            "{\"auto_connect_operator\": true, \"subject_alias\": \"support\", \"status\": \"queue\"}")
        .camundaInputParameter("priority", "${priority}")
        .intermediateCatchEvent("Event_OperatorConnected").message("operator_connected")
        .userTask("Task_HandleDialog").camundaAssignee("${operator_id}")
        .endEvent("EndEvent_DialogClosed")
        .done();
    priorityScenario = repository.createDeployment().name("priority chat (QueueApiTests)")
        .addModelInstance("priority-chat.bpmn", scenario).deploy().getId();
  }
}
