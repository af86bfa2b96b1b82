package io.operatorconnect.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What needs an answer, through the API the panel reads: each of an operator's dialogs with its unread count, the
 * latest line and since when the client waits for an answer, sorted by that; read marks; and a close that keeps
 * its outcome and note.
 */
@OperatorConnectTest
class PanelConversationApiTests {

  static final String SECRET = "a-long-password-for-the-desk";

  @LocalServerPort
  int port;

  HttpApi api;
  HttpApi anna;
  String first;
  String second;

  @BeforeEach
  void twoDialogsOfAnna() {
    api = new HttpApi(port);
    for (String id : List.of("anna", "bob")) {
      api.post("/api/operators", Map.of("id", id, "name", id, "groups", List.of("support"), "maxDialogs", 2,
          "status", id.equals("anna") ? "ONLINE" : "OFFLINE", "password", SECRET)).assertStatus(201);
    }
    anna = api.as("anna", SECRET);
    first = api.supportChat("client-1").path("id").asText();
    second = api.supportChat("client-2").path("id").asText();
  }

  @Test
  void shouldShowWhatNeedsAnAnswerLongestWaitingFirst() {
    // given: client 2 asks first and is answered, client 1 asks, client 2 writes again
    client(second, "a question");
    client(first, "help with billing");
    operator(second, "sure, what is it?");
    client(second, "thanks a lot");
    client(second, "are you there?");

    // when
    JsonNode mine = folders().path("myDialogs");

    // then: client 1 has waited longest for an answer
    assertThat(mine).extracting(dialog -> dialog.path("id").asText()).containsExactly(first, second);
    JsonNode one = mine.get(0);
    assertThat(one.path("unread").asInt()).isEqualTo(1);
    assertThat(one.path("lastMessage").path("text").asText()).isEqualTo("help with billing");
    assertThat(one.path("lastMessage").path("from").asText()).isEqualTo("CLIENT");
    JsonNode two = mine.get(1);
    assertThat(two.path("unread").asInt()).isEqualTo(3);
    assertThat(two.path("lastMessage").path("text").asText()).isEqualTo("are you there?");
    assertThat(Instant.parse(two.path("awaitingAnswerSince").asText()))
        .isAfter(Instant.parse(one.path("awaitingAnswerSince").asText()));

    // when: anna answers client 1
    operator(first, "let me look");

    // then: client 1 waits for nothing now, and goes last
    mine = folders().path("myDialogs");
    assertThat(mine).extracting(dialog -> dialog.path("id").asText()).containsExactly(second, first);
    assertThat(mine.get(1).path("awaitingAnswerSince").isNull()).isTrue();
    assertThat(mine.get(1).path("lastMessage").path("from").asText()).isEqualTo("OPERATOR");
  }

  @Test
  void shouldCountOnlyWhatTheOperatorHasNotReadAndNeverMoveAMarkBack() {
    // given
    client(second, "one");
    long two = client(second, "two");
    long three = client(second, "three");

    // when
    anna.put("/api/panel/dialogs/" + second + "/read", Map.of("messageId", two)).assertStatus(204);

    // then
    assertThat(unread(second)).isEqualTo(1);
    anna.put("/api/panel/dialogs/" + second + "/read", Map.of("messageId", three)).assertStatus(204);
    assertThat(unread(second)).isZero();
    anna.put("/api/panel/dialogs/" + second + "/read", Map.of("messageId", two)).assertStatus(204);
    assertThat(unread(second)).isZero();
    // another operator's reading is theirs
    api.as("bob", SECRET).put("/api/panel/dialogs/" + first + "/read", Map.of("messageId", three))
        .assertStatus(204);
    client(first, "hello?");
    assertThat(unread(first)).isEqualTo(1);
  }

  @Test
  void shouldRefuseAReadMarkThatIsNoOperatorsOrNoLine() {
    // when / then
    api.put("/api/panel/dialogs/" + first + "/read", Map.of("messageId", 1)).assertProblem(403, "no operator");
    anna.put("/api/panel/dialogs/no-such-dialog/read", Map.of("messageId", 1)).assertProblem(404, "no-such-dialog");
    anna.put("/api/panel/dialogs/" + first + "/read", Map.of("messageId", 0)).assertProblem(400, "messageId");
    anna.put("/api/panel/dialogs/" + first + "/read", Map.of()).assertProblem(400, "messageId");
    api.anonymous().put("/api/panel/dialogs/" + first + "/read", Map.of("messageId", 1)).assertProblem(401);
  }

  @Test
  void shouldKeepTheOutcomeAndNoteOfAClose() {
    // when
    JsonNode closed = anna.post("/api/dialogs/" + first + "/close",
        Map.of("outcome", "resolved", "note", "refund sent, ticket 42")).assertStatus(200).body();

    // then
    assertThat(closed.path("state").asText()).isEqualTo("CLOSED");
    assertThat(closed.path("closeOutcome").asText()).isEqualTo("resolved");
    assertThat(closed.path("closeNote").asText()).isEqualTo("refund sent, ticket 42");
    JsonNode listed = api.get("/api/dialogs?clientId=client-1").assertStatus(200).body().path("items").get(0);
    assertThat(listed.path("closeOutcome").asText()).isEqualTo("resolved");
    // a close without a body still works, and says nothing
    JsonNode plain = anna.post("/api/dialogs/" + second + "/close", null).assertStatus(200).body();
    assertThat(plain.path("closeOutcome").isNull()).isTrue();
    assertThat(plain.path("closeNote").isNull()).isTrue();
  }

  @Test
  void shouldRefuseAnOutcomeThatIsNoTagAndKeepTheDialogOpen() {
    // when / then
    anna.post("/api/dialogs/" + first + "/close", Map.of("outcome", "not resolved!")).assertProblem(400, "outcome");
    anna.post("/api/dialogs/" + first + "/close", Map.of("note", "x".repeat(2001))).assertProblem(400, "note");
    assertThat(api.dialog(first).path("state").asText()).isEqualTo("TAKEN_OVER");
  }

  private JsonNode folders() {
    return anna.get("/api/panel/folders?operatorId=anna").assertStatus(200).body();
  }

  private int unread(String dialogId) {
    for (JsonNode dialog : folders().path("myDialogs")) {
      if (dialog.path("id").asText().equals(dialogId)) {
        return dialog.path("unread").asInt();
      }
    }
    throw new AssertionError("dialog " + dialogId + " is not in anna's folder");
  }

  private long client(String dialogId, String text) {
    return api.post("/api/dialogs/" + dialogId + "/messages", Map.of("from", "client", "text", text))
        .assertStatus(201).body().path("id").asLong();
  }

  private void operator(String dialogId, String text) {
    anna.post("/api/dialogs/" + dialogId + "/messages", Map.of("from", "operator", "operatorId", "anna", "text", text))
        .assertStatus(201);
  }
}
