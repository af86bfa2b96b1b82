package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET/POST /api/dialogs/{id}/messages} over real HTTP: the transcript and who may write to it. */
@OperatorConnectTest
class DialogMessagesApiTests {

  @LocalServerPort
  int port;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldKeepClientBotAndOperatorMessagesInOrder() {
    // given anna has the dialog; the scenario greeted the client and announced her
    api.operator("anna", 1, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();

    // when
    JsonNode fromClient = api.post(messages(id), Map.of("from", "client", "text", "My order is late"))
        .assertStatus(201).body();
    JsonNode fromOperator = api.post(messages(id), Map.of("from", "operator", "operatorId", "anna",
        "text", "Let me look at it")).assertStatus(201).body();
    JsonNode fromBot = api.post(messages(id), Map.of("from", "bot", "text", "Rate this chat later, please"))
        .assertStatus(201).body();

    // then
    assertThat(fromClient.path("from").asText()).isEqualTo("CLIENT");
    assertThat(fromClient.path("text").asText()).isEqualTo("My order is late");
    assertThat(fromOperator.path("from").asText()).isEqualTo("OPERATOR");
    assertThat(fromOperator.path("operatorId").asText()).isEqualTo("anna");
    assertThat(fromBot.path("from").asText()).isEqualTo("BOT");
    assertThat(fromBot.path("at").asText()).isNotBlank();
    List<String> lines = new ArrayList<>();
    api.get(messages(id)).assertStatus(200).body()
        .forEach(line -> lines.add(line.path("from").asText() + ": " + line.path("text").asText()));
    assertThat(lines).containsExactly(
        "BOT: Hello! Let me find an operator for you.",
        "BOT: Operator Anna has joined the chat.",
        "CLIENT: My order is late",
        "OPERATOR: Let me look at it",
        "BOT: Rate this chat later, please");
    assertThat(fromClient.path("id").asLong()).isLessThan(fromOperator.path("id").asLong());
  }

  @Test
  void shouldRefuseAMessageFromAnOperatorWhoDoesNotHaveTheDialog() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 1, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();
    String owner = api.dialog(id).path("operatorId").asText();
    String other = owner.equals("anna") ? "bob" : "anna";

    // when
    HttpApi.Response refused = api.post(messages(id), Map.of("from", "operator", "operatorId", other, "text", "Hi"));

    // then
    refused.assertProblem(409, other, owner);
    assertThat(api.get(messages(id)).body()).noneMatch(line -> line.path("text").asText().equals("Hi"));
  }

  @Test
  void shouldRefuseAnOperatorMessageWhileTheDialogWaits() {
    // given
    api.operator("anna", 1, "OFFLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();

    // when
    HttpApi.Response refused = api.post(messages(id), Map.of("from", "operator", "operatorId", "anna", "text", "Hi"));

    // then
    refused.assertProblem(409, "anna", "does not have");
  }

  @Test
  void shouldRefuseInvalidMessagesNamingTheField() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();
    int before = api.get(messages(id)).body().size();

    // when / then
    api.post(messages(id), Map.of("from", "operator", "text", "Hi")).assertProblem(400, "operatorId");
    api.post(messages(id), Map.of("from", "client", "text", "")).assertProblem(400, "text");
    api.post(messages(id), Map.of("from", "client", "text", "   ")).assertProblem(400, "text");
    api.post(messages(id), Map.of("from", "client")).assertProblem(400, "text");
    api.post(messages(id), Map.of("from", "client", "text", "x".repeat(4001))).assertProblem(400, "text");
    api.post(messages(id), Map.of("from", "robot", "text", "Hi")).assertProblem(400, "from");
    api.post(messages(id), Map.of("text", "Hi")).assertProblem(400, "from");
    api.post(messages(id), Map.of("from", "client", "txt", "Hi")).assertProblem(400, "txt");
    assertThat(api.get(messages(id)).body()).hasSize(before);
  }

  @Test
  void shouldAcceptATextOfExactlyTheMaximumLength() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();

    // when
    HttpApi.Response longest = api.post(messages(id), Map.of("from", "client", "text", "x".repeat(4000)));

    // then
    assertThat(longest.assertStatus(201).text("text")).hasSize(4000);
  }

  @Test
  void shouldRefuseMessagesToAClosedDialog() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();
    api.post("/api/dialogs/" + id + "/close", null).assertStatus(200);

    // when
    HttpApi.Response fromClient = api.post(messages(id), Map.of("from", "client", "text", "Hello?"));
    HttpApi.Response fromOperator = api.post(messages(id), Map.of("from", "operator", "operatorId", "anna",
        "text", "Bye"));

    // then
    fromClient.assertProblem(409, "closed");
    fromOperator.assertProblem(409, "closed");
    assertThat(api.get(messages(id)).assertStatus(200).body()).hasSize(2);
  }

  @Test
  void shouldAnswerNotFoundForMessagesOfAnUnknownDialog() {
    // when / then
    api.get(messages("no-such-dialog")).assertProblem(404, "no-such-dialog");
    api.post(messages("no-such-dialog"), Map.of("from", "client", "text", "Hi")).assertProblem(404, "no-such-dialog");
  }

  private static String messages(String dialogId) {
    return "/api/dialogs/" + dialogId + "/messages";
  }
}
