package io.operatorconnect.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.security.Role;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supervisor's live view through the API ({@code GET /api/panel/work}): the queue of every subject, the
 * dialogs waiting to be accepted, every open dialog with its operator and how long its client has waited for an
 * answer; and the reassignments a supervisor makes from it. Only administrators see it.
 */
@OperatorConnectTest
class LiveWorkApiTests {

  static final String SECRET = "a-long-password-for-the-supervisor";

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;

  HttpApi api;
  HttpApi anna;

  @BeforeEach
  void desk() {
    api = new HttpApi(port);
    api.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"), "maxDialogs", 2,
        "status", "ONLINE", "password", SECRET)).assertStatus(201);
    api.operator("bob", 2, "OFFLINE", "support", "sales");
    anna = api.as("anna", SECRET);
  }

  @Test
  void shouldShowEverySubjectsQueueAndEveryOpenDialogWhoWaitsForAnAnswerLongestFirst() {
    // given: anna takes two dialogs; client 1 asks and is answered, client 2 asks and is not
    String first = api.supportChat("client-1").path("id").asText();
    String second = api.supportChat("client-2").path("id").asText();
    client(first, "where is my order?");
    client(second, "my card was charged twice");
    answer(first, "it is on its way");
    // anna hands the first to sales, where nobody is online; the third client takes her free slot, the fourth waits
    anna.post("/api/dialogs/" + first + "/transfer", Map.of("subject", "sales")).assertStatus(200);
    api.awaitState(first, "QUEUED");
    String third = api.supportChat("client-3").path("id").asText();
    api.awaitState(third, "TAKEN_OVER");
    String queued = api.supportChat("client-4").path("id").asText();
    api.awaitState(queued, "QUEUED");

    // when
    JsonNode work = api.get("/api/panel/work").assertStatus(200).body();

    // then: both subjects' queues, in serving order, each entry with its subject
    assertThat(ids(work.path("queue"), "dialogId")).containsExactlyInAnyOrder(first, queued);
    assertThat(entry(work.path("queue"), "dialogId", queued).path("subject").asText()).isEqualTo("support");
    assertThat(entry(work.path("queue"), "dialogId", first).path("subject").asText()).isEqualTo("sales");
    // and the open dialog, with its operator, the latest line and the client's wait for an answer
    assertThat(ids(work.path("open"), "id")).containsExactly(second, third);
    JsonNode open = work.path("open").get(0);
    assertThat(open.path("operatorId").asText()).isEqualTo("anna");
    assertThat(open.path("clientId").asText()).isEqualTo("client-2");
    assertThat(open.path("lastMessage").path("text").asText()).isEqualTo("my card was charged twice");
    assertThat(open.path("awaitingAnswerSince").isTextual()).isTrue();
    assertThat(open.path("awaitingAnswerSeconds").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(work.path("truncated").asBoolean()).isFalse();
  }

  @Test
  void shouldSortOpenDialogsByTheLongestWaitForAnAnswerAndLeaveOutThoseAnswered() {
    // given
    String first = api.supportChat("client-1").path("id").asText();
    String second = api.supportChat("client-2").path("id").asText();
    client(second, "hello?");
    client(first, "anyone?");
    answer(first, "here");

    // when
    JsonNode open = api.get("/api/panel/work").assertStatus(200).body().path("open");

    // then: client 2 waits for an answer; client 1 was answered and waits for nothing
    assertThat(ids(open, "id")).containsExactly(second, first);
    assertThat(open.get(1).path("awaitingAnswerSince").isNull()).isTrue();
    assertThat(open.get(1).path("awaitingAnswerSeconds").isNull()).isTrue();
  }

  @Test
  void shouldListTheDialogsWaitingToBeAcceptedByHandAndLetTheSupervisorAssignOne() {
    // given: with automatic connection off, a new dialog waits to be accepted
    api.settings(false);
    String waiting = api.supportChat("client-1").path("id").asText();
    await(waiting, "QUEUED", "REQUESTED");

    // when the supervisor looks
    JsonNode work = api.get("/api/panel/work").assertStatus(200).body();

    // then it is listed, under the queue or the requests, and the supervisor can give it to anna
    List<String> waitingIds = new ArrayList<>(ids(work.path("queue"), "dialogId"));
    waitingIds.addAll(ids(work.path("requested"), "dialogId"));
    assertThat(waitingIds).containsExactly(waiting);
    api.post("/api/dialogs/" + waiting + "/accept", Map.of("operatorId", "anna")).assertStatus(200);
    assertThat(api.dialog(waiting).path("operatorId").asText()).isEqualTo("anna");
    assertThat(ids(api.get("/api/panel/work").body().path("open"), "id")).containsExactly(waiting);
  }

  @Test
  void shouldLetASupervisorReassignAnyDialogAndAnOperatingSupervisorTakeOneOver() {
    // given: anna has a dialog; sara is an operator and an administrator too
    String dialog = api.supportChat("client-1").path("id").asText();
    api.post("/api/operators", Map.of("id", "sara", "name", "Sara", "groups", List.of("support"), "maxDialogs", 2,
        "status", "ONLINE", "password", SECRET)).assertStatus(201);
    TestUsers.user(identity, "sara", SECRET, Role.OPERATOR, Role.ADMIN);
    api.put("/api/operators/bob/status", Map.of("status", "ONLINE")).assertStatus(200);
    HttpApi sara = api.as("sara", SECRET);

    // when the supervisor reassigns it to bob
    sara.post("/api/dialogs/" + dialog + "/transfer", Map.of("operatorId", "bob")).assertStatus(200);

    // then
    assertThat(api.dialog(dialog).path("operatorId").asText()).isEqualTo("bob");

    // and when she takes it over herself
    sara.post("/api/dialogs/" + dialog + "/transfer", Map.of("operatorId", "sara")).assertStatus(200);

    // then it is hers, and the live view says so
    assertThat(api.dialog(dialog).path("operatorId").asText()).isEqualTo("sara");
    JsonNode open = sara.get("/api/panel/work").assertStatus(200).body().path("open");
    assertThat(entry(open, "id", dialog).path("operatorId").asText()).isEqualTo("sara");
  }

  @Test
  void shouldLetASupervisorMoveAWaitingDialogToAnotherSubjectsQueueWhereItsOperatorTakesIt() {
    // given: anna's only slot is taken, so a support dialog waits; bob of sales is offline
    api.patch("/api/operators/anna", Map.of("maxDialogs", 1)).assertStatus(200);
    api.supportChat("client-1");
    String waiting = api.supportChat("client-2").path("id").asText();
    api.awaitState(waiting, "QUEUED");
    String queuedAt = api.dialog(waiting).path("queuedAt").asText();

    // when the supervisor moves it to sales
    api.post("/api/dialogs/" + waiting + "/transfer", Map.of("subject", "sales")).assertStatus(200);

    // then it waits in the sales queue, with its waiting time, and the client is told nothing new
    JsonNode moved = api.dialog(waiting);
    assertThat(moved.path("state").asText()).isEqualTo("QUEUED");
    assertThat(moved.path("subject").asText()).isEqualTo("sales");
    assertThat(moved.path("queuedAt").asText()).isEqualTo(queuedAt);
    assertThat(entry(api.get("/api/panel/work").body().path("queue"), "dialogId", waiting).path("subject").asText())
        .isEqualTo("sales");

    // and when bob comes online, he is served it from the sales queue
    api.put("/api/operators/bob/status", Map.of("status", "ONLINE")).assertStatus(200);
    assertThat(api.awaitState(waiting, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("bob");
  }

  @Test
  void shouldGiveAWaitingDialogToTheOperatorItIsTransferredToAndRefuseAnUnknownSubject() {
    // given
    api.patch("/api/operators/anna", Map.of("maxDialogs", 1)).assertStatus(200);
    api.supportChat("client-1");
    String waiting = api.supportChat("client-2").path("id").asText();
    api.awaitState(waiting, "QUEUED");

    // when / then: no such subject, the same subject, or an operator who is not an administrator
    api.post("/api/dialogs/" + waiting + "/transfer", Map.of("subject", "billing")).assertProblem(404, "billing");
    api.post("/api/dialogs/" + waiting + "/transfer", Map.of("subject", "support")).assertProblem(409, "already");
    anna.post("/api/dialogs/" + waiting + "/transfer", Map.of("subject", "sales")).assertProblem(403);
    assertThat(api.dialog(waiting).path("subject").asText()).isEqualTo("support");

    // and when the supervisor hands it to bob by name, he has it as if he had accepted it
    api.put("/api/operators/bob/status", Map.of("status", "AWAY")).assertStatus(200);
    api.post("/api/dialogs/" + waiting + "/transfer", Map.of("operatorId", "bob")).assertStatus(200);
    assertThat(api.dialog(waiting).path("operatorId").asText()).isEqualTo("bob");
    assertThat(api.dialog(waiting).path("state").asText()).isEqualTo("TAKEN_OVER");
  }

  @Test
  void shouldRefuseTheLiveViewToOperatorsAndTheIntegration() {
    // given
    TestUsers.user(identity, "bot", SECRET, Role.INTEGRATION);

    // when / then
    anna.get("/api/panel/work").assertProblem(403, "administrators");
    api.as("bot", SECRET).get("/api/panel/work").assertProblem(403);
    api.anonymous().get("/api/panel/work").assertStatus(401);
  }

  private void await(String dialogId, String... states) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> api.dialog(dialogId).path("state").asText(), state -> List.of(states).contains(state));
  }

  private static List<String> ids(JsonNode items, String field) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.path(field).asText()));
    return ids;
  }

  private static JsonNode entry(JsonNode items, String field, String id) {
    for (JsonNode item : items) {
      if (item.path(field).asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError(id + " is not in " + items);
  }

  private void client(String dialogId, String text) {
    api.post("/api/dialogs/" + dialogId + "/messages", Map.of("from", "client", "text", text)).assertStatus(201);
  }

  private void answer(String dialogId, String text) {
    anna.post("/api/dialogs/" + dialogId + "/messages", Map.of("from", "operator", "operatorId", "anna", "text", text))
        .assertStatus(201);
  }
}
