package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.EventStream;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the client is told when the operator changes: "Operator X has joined the chat." once for every
 * actual change of operator, and never again for an operator who gets the dialog back because nobody else
 * could take it (their panel says so instead). A dialog given back to the queue goes to somebody else first.
 */
@OperatorConnectTest
class ClientAnnouncementsTests {

  static final String SECRET = "a-long-password-9";

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
  void shouldTellTheClientWhoJoinedWhenTheDialogIsTransferred() {
    // given anna has the dialog, bob is free
    operator("anna", "ONLINE");
    String dialog = api.supportChat("client-1").path("id").asText();
    operator("bob", "ONLINE");

    // when
    api.post("/api/dialogs/" + dialog + "/transfer", Map.of("operatorId", "bob")).assertStatus(200);

    // then
    assertThat(texts(dialog)).containsSubsequence("Operator Anna has joined the chat.",
        "Operator Bob has joined the chat.");
    assertThat(joined(dialog, "Bob")).isEqualTo(1);
  }

  @Test
  void shouldServeADialogGivenBackToTheQueueToAnotherOperatorFirst() {
    // given anna has the dialog; bob comes online afterwards, with room for it
    operator("anna", "ONLINE");
    String dialog = api.supportChat("client-1").path("id").asText();
    assertThat(api.dialog(dialog).path("operatorId").asText()).isEqualTo("anna");
    operator("bob", "ONLINE");

    // when anna gives it back to the queue (she has room for it again)
    api.post("/api/dialogs/" + dialog + "/return-to-queue", Map.of()).assertStatus(200);

    // then bob gets it, and the client is told once about each of them
    assertThat(api.awaitState(dialog, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("bob");
    assertThat(joined(dialog, "Anna")).isEqualTo(1);
    assertThat(joined(dialog, "Bob")).isEqualTo(1);
  }

  @Test
  void shouldGiveADialogBackToItsLastOperatorOnlyWhenNobodyElseCanAndTellTheirPanelNotTheClient() throws Exception {
    // given anna alone, with the dialog and her panel's event stream open
    operator("anna", "ONLINE");
    String dialog = api.supportChat("client-1").path("id").asText();
    try (EventStream panel = EventStream.open(HttpClient.newHttpClient(), port, "/api/panel/events",
        "Authorization", "Basic " + Base64.getEncoder().encodeToString(("anna:" + SECRET)
            .getBytes(StandardCharsets.UTF_8)))) {
      panel.await("ready");

      // when she gives it back to the queue
      api.post("/api/dialogs/" + dialog + "/return-to-queue", Map.of()).assertStatus(200);

      // then it comes back to her, her panel says why, and the client is not told again that she joined
      assertThat(api.awaitState(dialog, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("anna");
      assertThat(panel.awaitAbout("back", dialog).data().path("dialogId").asText()).isEqualTo(dialog);
      assertThat(joined(dialog, "Anna")).isEqualTo(1);
    }
  }

  @Test
  void shouldTellTheClientWhoJoinedWhenAnOperatorTakesAWaitingDialogsTaskInTasklist() {
    // given anna had the dialog, went away and gave its task back in Tasklist: it waits, with nobody online
    operator("anna", "ONLINE");
    String dialog = api.supportChat("client-1").path("id").asText();
    api.put("/api/operators/anna/status", Map.of("status", "AWAY")).assertStatus(200);
    String task = api.dialog(dialog).path("processInstanceId").asText();
    String taskId = tasks.createTaskQuery().processInstanceId(task).singleResult().getId();
    tasks.setAssignee(taskId, null);
    api.awaitState(dialog, "QUEUED");
    operator("bob", "AWAY");

    // when bob takes the task in Tasklist
    tasks.setAssignee(taskId, "bob");

    // then he has the dialog, and the client is told
    assertThat(api.dialog(dialog).path("operatorId").asText()).isEqualTo("bob");
    assertThat(joined(dialog, "Bob")).isEqualTo(1);
    assertThat(joined(dialog, "Anna")).isEqualTo(1);
  }

  private void operator(String id, String status) {
    api.post("/api/operators", Map.of("id", id, "name", id.substring(0, 1).toUpperCase() + id.substring(1),
        "groups", List.of("support"), "maxDialogs", 2, "status", status, "password", SECRET)).assertStatus(201);
  }

  private List<String> texts(String dialog) {
    List<String> texts = new ArrayList<>();
    for (JsonNode line : api.get("/api/dialogs/" + dialog + "/messages").assertStatus(200).body()) {
      texts.add(line.path("text").asText());
    }
    return texts;
  }

  private long joined(String dialog, String name) {
    return texts(dialog).stream().filter(("Operator " + name + " has joined the chat.")::equals).count();
  }
}
