package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.AssignmentAudit;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An operator's open dialogs handed to others when they go offline (with the panel setting on) or
 * on request: every dialog ends with another eligible operator or back in the queue at its original
 * waiting time, and no slot leaks.
 */
@OperatorConnectTest
class RedistributionIntegrationTests {

  @LocalServerPort
  int port;
  @Autowired
  TaskService tasks;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  AssignmentAudit audit;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldHandEveryDialogOfAnOperatorWhoGoesOfflineToAnotherOperatorOrTheQueue() {
    // given redistribution on going offline is on, anna has three dialogs, bob has room for one more
    api.put("/api/settings", Map.of("autoConnect", true, "distributionMethod", "FEWEST_DIALOGS_THEN_IDLE",
        "redistributeOnOffline", true)).assertStatus(200);
    api.operator("anna", 3, "ONLINE", "support");
    List<String> annas = List.of(chat("client-1"), chat("client-2"), chat("client-3"));
    api.operator("bob", 1, "ONLINE", "support");
    String later = chat("client-4");
    api.awaitState(later, "TAKEN_OVER");
    api.operator("cleo", 1, "AWAY", "support");

    // when anna goes offline
    api.put("/api/operators/anna/status", Map.of("status", "OFFLINE")).assertStatus(200);

    // then none of her dialogs is left with her: bob had no room (he has client-4), so all three wait,
    // ahead of anyone who came later, in their original order
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isZero();
    for (String id : annas) {
      assertThat(api.dialog(id).path("state").asText()).isEqualTo("QUEUED");
      assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult().getAssignee()).isNull();
    }
    assertThat(api.get("/api/queue").body().findValuesAsText("dialogId")).containsExactlyElementsOf(annas);
    assertNoSlotLeaks();

    // and when operators become free, the waiting dialogs reach them, first come first served
    api.put("/api/operators/cleo/status", Map.of("status", "ONLINE")).assertStatus(200);
    assertThat(api.awaitState(annas.get(0), "TAKEN_OVER").path("operatorId").asText()).isEqualTo("cleo");
    api.post("/api/dialogs/" + later + "/close", Map.of()).assertStatus(200);
    assertThat(api.awaitState(annas.get(1), "TAKEN_OVER").path("operatorId").asText()).isEqualTo("bob");
    assertThat(api.dialog(annas.get(2)).path("queuePosition").asInt()).isEqualTo(1);
    assertNoSlotLeaks();
    assertThat(audit.violations()).isEmpty();
  }

  @Test
  void shouldHandDialogsToFreeOperatorsByTheMethodInForceOnRequest() {
    // given anna has two dialogs, bob and cleo have room for one each
    api.operator("anna", 2, "ONLINE", "support");
    String first = chat("client-1");
    String second = chat("client-2");
    api.operator("bob", 1, "ONLINE", "support");
    api.operator("cleo", 1, "ONLINE", "support");

    // when her dialogs are redistributed (she stays online, but must not choose herself)
    JsonNode moved = api.post("/api/operators/anna/redistribute", Map.of()).assertStatus(200).body();

    // then each went to another operator, none to the queue
    assertThat(moved.findValuesAsText("dialogId")).containsExactlyInAnyOrder(first, second);
    assertThat(moved.findValuesAsText("operatorId")).containsExactlyInAnyOrder("bob", "cleo");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isZero();
    assertThat(api.dialog(first).path("operatorId").asText()).isNotEqualTo("anna");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(first).singleResult().getAssignee())
        .isEqualTo(api.dialog(first).path("operatorId").asText());
    JsonNode decisions = api.get("/api/dialogs/" + first + "/decisions").body();
    assertThat(decisions.get(decisions.size() - 1).path("via").asText()).isEqualTo("REDISTRIBUTION");
    assertNoSlotLeaks();
    api.post("/api/operators/nobody/redistribute", Map.of()).assertProblem(404, "nobody");
  }

  @Test
  void shouldLeaveTheDialogsWithAnOperatorWhoGoesOfflineWhenRedistributionIsOff() {
    // given the default settings (no redistribution on going offline) and a dialog with anna
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 1, "ONLINE", "support");
    String id = chat("client-1");

    // when anna goes offline
    api.put("/api/operators/anna/status", Map.of("status", "OFFLINE")).assertStatus(200);

    // then she keeps her dialog until she closes it
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> "anna".equals(api.dialog(id).path("operatorId").asText()));
    assertNoSlotLeaks();
  }

  private String chat(String clientId) {
    return api.supportChat(clientId).path("id").asText();
  }

  /** Each operator's counter equals their dialogs and their open user tasks. */
  private void assertNoSlotLeaks() {
    List<String> leaks = jdbc.sql("""
            SELECT o.id FROM oc_operator o
            WHERE o.active_dialogs <> (SELECT COUNT(*) FROM oc_dialog d WHERE d.operator_id = o.id AND d.state = 'TAKEN_OVER')
               OR o.active_dialogs <> (SELECT COUNT(*) FROM act_ru_task t WHERE t.assignee_ = o.id)""")
        .query(String.class).list();
    assertThat(leaks).as("operators whose counter is off their dialogs or tasks").isEmpty();
  }
}
