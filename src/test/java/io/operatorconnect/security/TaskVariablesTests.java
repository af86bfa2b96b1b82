package io.operatorconnect.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.SignedInSession;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The engine's variables do not steer the dialogs: an operator who rewrites {@code dialog_id} on her own
 * task (Tasklist lets the assignee of a task work it) closes, requeues or frees nothing of another
 * operator's dialog. The dialog a task event is about is its instance's business key, and only the
 * dialog's own task moves it.
 */
@OperatorConnectTest
@Order(1) // before the cluster tests: see junit-platform.properties
class TaskVariablesTests {

  static final String SECRET = "a-long-password-3";

  @LocalServerPort
  int port;

  @Autowired
  TaskService tasks;

  HttpApi admin;
  String annas;
  String bobs;

  @BeforeEach
  void annaAndBobHoldADialogEach() {
    admin = new HttpApi(port);
    for (String operator : List.of("anna", "bob")) {
      admin.post("/api/operators", Map.of("id", operator, "name", operator, "groups", List.of("support"),
          "maxDialogs", 1, "status", "ONLINE", "password", SECRET)).assertStatus(201);
      String dialog = admin.supportChat("client-" + operator).path("id").asText();
      assertThat(admin.dialog(dialog).path("operatorId").asText()).isEqualTo(operator);
      if (operator.equals("anna")) {
        annas = dialog;
      } else {
        bobs = dialog;
      }
    }
  }

  @Test
  void shouldRefuseAnOperatorWhoSetsAVariableOfHerTaskInTasklist() {
    // given anna in Tasklist
    SignedInSession anna = new SignedInSession(port);
    anna.signIn("anna", SECRET);
    assertThat(anna.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
    String token = anna.cookie("XSRF-TOKEN").orElseThrow();

    // when she points her task's dialog_id at bob's dialog
    HttpResponse<String> set = anna.send(anna.request("/camunda/api/engine/engine/default/task/" + taskOf(annas)
            + "/variables/dialog_id").header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
        .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + bobs + "\",\"type\":\"String\"}")));

    // then the engine refuses: the assignee may work the task, not rewrite its variables
    assertThat(set.statusCode()).as(set.body()).isEqualTo(403);
    assertThat(tasks.getVariable(taskOf(annas), "dialog_id")).isEqualTo(annas);
  }

  @Test
  void shouldCloseOnlyTheDialogWhoseTaskIsCompletedWhateverItsDialogIdVariableSays() {
    // given: anna's task's dialog_id names bob's dialog (what a form field of her task could submit)
    String annasTask = taskOf(annas);
    tasks.setVariable(annasTask, "dialog_id", bobs);

    // when she completes her task
    tasks.complete(annasTask);

    // then her dialog is closed and her slot freed; bob's dialog and task are untouched
    assertThat(admin.dialog(annas).path("state").asText()).isEqualTo("CLOSED");
    assertThat(admin.operator("anna").path("activeDialogs").asInt()).isZero();
    assertThat(admin.dialog(bobs).path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(admin.operator("bob").path("activeDialogs").asInt()).isEqualTo(1);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(bobs).count()).isEqualTo(1);
  }

  @Test
  void shouldRequeueOnlyTheDialogWhoseTaskIsUnassignedWhateverItsDialogIdVariableSays() {
    // given (and nobody free to take anna's dialog once it waits again)
    String annasTask = taskOf(annas);
    tasks.setVariable(annasTask, "dialog_id", bobs);
    admin.patch("/api/operators/anna", Map.of("maxDialogs", 0)).assertStatus(200);

    // when anna gives her task back
    tasks.setAssignee(annasTask, null);

    // then her own dialog waits again; bob keeps his
    assertThat(admin.dialog(annas).path("state").asText()).isEqualTo("QUEUED");
    assertThat(admin.dialog(bobs).path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(admin.dialog(bobs).path("operatorId").asText()).isEqualTo("bob");
  }

  private String taskOf(String dialogId) {
    return tasks.createTaskQuery().processInstanceBusinessKey(dialogId).singleResult().getId();
  }
}
