package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.AssignmentAudit;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Handing a dialog on: {@code /transfer} to an operator or a subject, {@code /return-to-queue},
 * a reassignment in Tasklist, and the decision record that says why each dialog went where.
 */
@OperatorConnectTest
class DialogHandOverApiTests {

  @LocalServerPort
  int port;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
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
  void shouldTransferADialogToANamedOperatorWithTheSameUserTask() {
    // given anna has a dialog
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 1, "ONLINE", "billing");
    String id = api.supportChat("client-1").path("id").asText();
    String taskId = operatorTask(id).getId();

    // when she transfers it to bob
    JsonNode dialog = api.post(path(id, "transfer"), Map.of("operatorId", "bob")).assertStatus(200).body();

    // then bob has it, with the same task, and anna's slot is free
    assertThat(dialog.path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(dialog.path("operatorId").asText()).isEqualTo("bob");
    assertThat(operatorTask(id).getId()).isEqualTo(taskId);
    assertThat(operatorTask(id).getAssignee()).isEqualTo("bob");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isZero();
    assertThat(api.operator("bob").path("activeDialogs").asInt()).isEqualTo(1);
    assertThat(lastDecision(id).path("via").asText()).isEqualTo("TRANSFER");
    assertThat(lastDecision(id).path("operatorId").asText()).isEqualTo("bob");
    // and bob's close frees bob
    api.post(path(id, "close"), Map.of()).assertStatus(200);
    assertThat(api.operator("bob").path("activeDialogs").asInt()).isZero();
    assertThat(audit.violations()).isEmpty();
  }

  @Test
  void shouldRefuseATransferToAnOperatorWithoutRoomAndChangeNothing() {
    // given anna has a dialog and bob is full
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 0, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();

    // when / then
    api.post(path(id, "transfer"), Map.of("operatorId", "bob"))
        .assertProblem(409, "operator 'bob' has reached the general dialog limit");
    api.post(path(id, "transfer"), Map.of("operatorId", "nobody")).assertProblem(404, "nobody");
    api.post(path(id, "transfer"), Map.of("operatorId", "bob", "subject", "support"))
        .assertProblem(400, "exactly one of operatorId");
    assertThat(api.dialog(id).path("operatorId").asText()).isEqualTo("anna");
    assertThat(operatorTask(id).getAssignee()).isEqualTo("anna");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isEqualTo(1);
  }

  @Test
  void shouldRouteATransferToASubjectAmongItsOtherOperators() {
    // given anna (support) has a dialog; in billing, carl is busier than dora
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("carl", 3, "ONLINE", "billing");
    api.operator("dora", 3, "ONLINE", "billing");
    String id = api.supportChat("client-1").path("id").asText();
    jdbc.sql("UPDATE oc_operator SET active_dialogs = 1 WHERE id = 'carl'").update();

    // when the dialog is transferred to the billing subject
    JsonNode dialog = api.post(path(id, "transfer"), Map.of("subject", "billing")).assertStatus(200).body();

    // then the method in force (fewest dialogs first) picks dora
    assertThat(dialog.path("operatorId").asText()).isEqualTo("dora");
    assertThat(dialog.path("subject").asText()).isEqualTo("billing");
    JsonNode decision = lastDecision(id);
    assertThat(decision.path("method").asText()).isEqualTo("FEWEST_DIALOGS_THEN_IDLE");
    assertThat(decision.path("candidates").findValuesAsText("operatorId")).containsExactly("dora", "carl");
    api.post(path(id, "transfer"), Map.of("subject", "nonexistent")).assertProblem(404, "nonexistent");
  }

  @Test
  void shouldQueueATransferredDialogAtItsOriginalPlaceWhenNobodyInTheSubjectIsFreeAndServeItLater() {
    // given anna has an older dialog, and a newer one waits in the queue
    api.operator("anna", 1, "ONLINE", "support");
    String older = api.supportChat("client-1").path("id").asText();
    String newer = api.supportChat("client-2").path("id").asText();
    assertThat(api.dialog(newer).path("state").asText()).isEqualTo("QUEUED");

    // when anna gives the older one back to the queue
    JsonNode returned = api.post(path(older, "return-to-queue"), Map.of()).assertStatus(200).body();

    // then it waits ahead of the newer one, its task unassigned, and it is served first when anna is free
    // (at once: the dispatcher runs after the commit, so the unassigned task shows in its history)
    assertThat(returned.path("state").asText()).isEqualTo("QUEUED");
    assertThat(returned.path("queuePosition").asInt()).isEqualTo(1);
    assertThat(api.awaitState(older, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("anna");
    assertThat(operatorTask(older).getAssignee()).isEqualTo("anna");
    assertThat(assigneeChanges(operatorTask(older))).containsExactlyInAnyOrder("add anna", "delete anna", "add anna");
    assertThat(api.dialog(newer).path("queuePosition").asInt()).isEqualTo(1);
    // and closing it serves the newer one; nothing leaks
    api.post(path(older, "close"), Map.of()).assertStatus(200);
    assertThat(api.dialog(older).path("state").asText()).isEqualTo("CLOSED");
    api.awaitState(newer, "TAKEN_OVER");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isEqualTo(1);
    assertThat(audit.violations()).isEmpty();
    assertThat(audit.assignedTwice()).containsExactly(older);
  }

  @Test
  void shouldReturnADialogToTheBotOnlyFromAnOperator() {
    // given anna has one dialog, and a second one waits
    api.operator("anna", 1, "ONLINE", "support");
    String taken = api.supportChat("client-1").path("id").asText();
    String waiting = api.supportChat("client-2").path("id").asText();

    // when / then: a waiting dialog has no operator to take it from
    api.post(path(waiting, "return-to-bot"), Map.of()).assertProblem(409, "QUEUED", "only a dialog an operator has");
    api.post(path("unknown-dialog", "return-to-bot"), Map.of()).assertProblem(404, "unknown-dialog");
    // and anna's dialog goes back to the bot (the example scenario then says so and ends), freeing her for the next
    assertThat(api.post(path(taken, "return-to-bot"), Map.of()).assertStatus(200).body().path("state").asText())
        .isEqualTo("CLOSED");
    assertThat(api.awaitState(waiting, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("anna");
  }

  @Test
  void shouldMoveTheDialogWhenTheOperatorsTaskIsReassignedInTasklist() {
    // given anna has a dialog; bob has room, cleo has none
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 1, "ONLINE", "support");
    api.operator("cleo", 0, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();
    String taskId = operatorTask(id).getId();

    // when the task is given to bob, as Tasklist does
    tasks.setAssignee(taskId, "bob");

    // then the dialog and the slot follow
    assertThat(api.dialog(id).path("operatorId").asText()).isEqualTo("bob");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isZero();
    assertThat(api.operator("bob").path("activeDialogs").asInt()).isEqualTo(1);
    // and a reassignment to someone without room is refused, changing nothing
    assertThatThrownBy(() -> tasks.setAssignee(taskId, "cleo")).hasMessageContaining("cleo");
    assertThat(operatorTask(id).getAssignee()).isEqualTo("bob");
    // and an unclaim puts the dialog back in the queue, from where the next free operator gets it
    tasks.setAssignee(taskId, null);
    assertThat(api.awaitState(id, "TAKEN_OVER").path("operatorId").asText()).isIn("anna", "bob");
    assertThat(api.operator("anna").path("activeDialogs").asInt() + api.operator("bob").path("activeDialogs").asInt())
        .isEqualTo(1);
    assertThat(audit.violations()).isEmpty();
  }

  @Test
  void shouldRecordWhyADialogWentToOneOperatorAndWhyTheNextFoundNobody() {
    // given anna and eve are free, bob is offline, cleo is full, dora works on another subject
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 2, "OFFLINE", "support");
    api.operator("cleo", 0, "ONLINE", "support");
    api.operator("dora", 2, "ONLINE", "billing");
    api.operator("eve", 1, "ONLINE", "support");

    // when two dialogs are routed, then a third
    String first = api.supportChat("client-1").path("id").asText();
    api.supportChat("client-2");
    String third = api.supportChat("client-3").path("id").asText();

    // then the first one's decision record names the chosen operator, then the others eligible in rank order
    JsonNode decisions = api.get(path(first, "decisions")).assertStatus(200).body();
    assertThat(decisions).hasSize(1);
    JsonNode decision = decisions.get(0);
    assertThat(decision.path("via").asText()).isEqualTo("CONNECT_ACTION");
    assertThat(decision.path("outcome").asText()).isEqualTo("ASSIGNED");
    assertThat(decision.path("operatorId").asText()).isEqualTo("anna");
    assertThat(decision.path("subject").asText()).isEqualTo("support");
    assertThat(verdicts(decision)).containsExactly(Map.entry("anna", "CHOSEN null"), Map.entry("eve", "RANKED null"));

    // and the third one's, which found nobody free, says why each operator of the subject was skipped;
    // dora, who works on another subject, was never a candidate
    JsonNode none = api.get(path(third, "decisions")).assertStatus(200).body().get(0);
    assertThat(none.path("outcome").asText()).isEqualTo("NO_FREE_OPERATOR");
    assertThat(verdicts(none)).containsExactly(Map.entry("anna", "SKIPPED GENERAL_LIMIT"),
        Map.entry("bob", "SKIPPED OFFLINE"), Map.entry("cleo", "SKIPPED GENERAL_LIMIT"),
        Map.entry("eve", "SKIPPED GENERAL_LIMIT"));
    assertThat(none.path("candidates").get(1).path("description").asText()).isEqualTo("bob: skipped, is OFFLINE");
    assertThat(none.path("explanation").asText()).isEqualTo("anna has reached the general dialog limit;"
        + " bob is OFFLINE; cleo has reached the general dialog limit; eve has reached the general dialog limit");
    api.get("/api/dialogs/unknown-dialog/decisions").assertProblem(404, "unknown-dialog");
  }

  /** Each candidate of a recorded decision: "CHOSEN null", "SKIPPED OFFLINE", by operator id. */
  private static Map<String, String> verdicts(JsonNode decision) {
    Map<String, String> verdicts = new java.util.TreeMap<>();
    decision.path("candidates").forEach(candidate -> verdicts.put(candidate.path("operatorId").asText(),
        candidate.path("verdict").asText() + " " + candidate.path("reason").asText()));
    return verdicts;
  }

  /** The task's assignee changes, as "add anna" and "delete anna" (two in one millisecond have no order). */
  private List<String> assigneeChanges(Task task) {
    return history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).type(IdentityLinkType.ASSIGNEE)
        .list().stream()
        .map(change -> change.getOperationType() + " " + change.getUserId())
        .toList();
  }

  private Task operatorTask(String dialogId) {
    return tasks.createTaskQuery().processInstanceBusinessKey(dialogId).taskDefinitionKey("Task_HandleDialog")
        .singleResult();
  }

  private JsonNode lastDecision(String dialogId) {
    JsonNode decisions = api.get(path(dialogId, "decisions")).assertStatus(200).body();
    return decisions.get(decisions.size() - 1);
  }

  private static String path(String dialogId, String action) {
    return "/api/dialogs/" + dialogId + "/" + action;
  }
}
