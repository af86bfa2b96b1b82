package io.operatorconnect.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /api/panel/replies}: a subject's saved answers and an operator's own, who sees and removes which. */
@OperatorConnectTest
class CannedRepliesApiTests {

  static final String SECRET = "a-long-password-for-replies";

  @LocalServerPort
  int port;

  HttpApi api;
  HttpApi anna;
  HttpApi bob;

  @BeforeEach
  void operators() {
    api = new HttpApi(port);
    api.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"), "maxDialogs", 1,
        "password", SECRET)).assertStatus(201);
    api.post("/api/operators", Map.of("id", "bob", "name", "Bob", "groups", List.of("sales"), "maxDialogs", 1,
        "password", SECRET)).assertStatus(201);
    anna = api.as("anna", SECRET);
    bob = api.as("bob", SECRET);
  }

  @Test
  void shouldShowAnOperatorTheirOwnAnswersAndThoseOfTheirSubjects() {
    // given
    api.post("/api/panel/replies", Map.of("subject", "support", "title", "Refund", "text", "Refunds take 3 days."))
        .assertStatus(201);
    api.post("/api/panel/replies", Map.of("subject", "sales", "title", "Discount", "text", "10 % off today."))
        .assertStatus(201);
    JsonNode mine = anna.post("/api/panel/replies", Map.of("title", "Hello", "text", "Hello, I am Anna."))
        .assertStatus(201).body();
    bob.post("/api/panel/replies", Map.of("title", "Bye", "text", "Bye from Bob.")).assertStatus(201);

    // when
    JsonNode annas = anna.get("/api/panel/replies").assertStatus(200).body();

    // then
    assertThat(annas).extracting(reply -> reply.path("title").asText()).containsExactly("Hello", "Refund");
    assertThat(mine.path("ownerId").asText()).isEqualTo("anna");
    assertThat(api.get("/api/panel/replies").body()).extracting(reply -> reply.path("title").asText())
        .containsExactly("Discount", "Refund");
  }

  @Test
  void shouldLetOnlyTheOwnerRemoveTheirsAndOnlyAnAdministratorASubjects() {
    // given
    long subjects = api.post("/api/panel/replies", Map.of("subject", "support", "title", "Refund", "text", "3 days."))
        .assertStatus(201).body().path("id").asLong();
    long annas = anna.post("/api/panel/replies", Map.of("title", "Hello", "text", "Hi.")).assertStatus(201).body()
        .path("id").asLong();

    // when / then
    anna.post("/api/panel/replies", Map.of("subject", "support", "title", "Mine", "text", "x"))
        .assertProblem(403, "administrator");
    bob.delete("/api/panel/replies/" + annas).assertProblem(403, "bob");
    anna.delete("/api/panel/replies/" + subjects).assertProblem(403, "anna");
    anna.delete("/api/panel/replies/" + annas).assertStatus(204);
    api.delete("/api/panel/replies/" + subjects).assertStatus(204);
    api.delete("/api/panel/replies/" + subjects).assertProblem(404, String.valueOf(subjects));
    assertThat(anna.get("/api/panel/replies").body()).isEmpty();
  }

  @Test
  void shouldRefuseAnAnswerWithoutTitleOrTextOrTooLong() {
    // when / then
    anna.post("/api/panel/replies", Map.of("title", " ", "text", "x")).assertProblem(400, "title");
    anna.post("/api/panel/replies", Map.of("title", "t", "text", "x".repeat(4001))).assertProblem(400, "text");
    api.post("/api/panel/replies", Map.of("title", "t", "text", "x")).assertProblem(403, "subject");
    api.anonymous().get("/api/panel/replies").assertProblem(401);
  }
}
