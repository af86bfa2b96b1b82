package io.operatorconnect.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/** Errors that no single resource owns: unknown paths, wrong methods, wrong media types, oversized bodies. */
@OperatorConnectTest
class ErrorResponseApiTests {

  /** Two megabytes: far beyond any field the API accepts. */
  static final int OVERSIZED = 2 * 1024 * 1024;

  @LocalServerPort
  int port;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldAnswerAnUnknownApiPathWithAProblem() {
    // when / then
    api.get("/api/nothing-here").assertProblem(404, "nothing-here");
  }

  @Test
  void shouldAnswerAPathWithAnEmptySegmentWithAProblem() throws Exception {
    // given: sent as typed (the tests' client would merge the slashes)
    String credentials = Base64.getEncoder().encodeToString((HttpApi.ADMIN + ":" + HttpApi.ADMIN_PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    HttpRequest close = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dialogs//close"))
        .header("Authorization", "Basic " + credentials).POST(HttpRequest.BodyPublishers.noBody()).build();

    // when
    HttpResponse<String> refused = HttpClient.newHttpClient().send(close, HttpResponse.BodyHandlers.ofString());

    // then: refused by the firewall before any controller, yet as every other error of the API
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(refused.body()).contains("/api/dialogs//close", "is an id missing?");
  }

  @Test
  void shouldRefuseAnIdentifierOfTheWrongShapeInThePathWithA400NamingIt() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    String tooLong = "a".repeat(65);

    // when / then
    api.get("/api/operators/" + tooLong).assertProblem(400, "id: must be 1 to 64 letters");
    api.put("/api/operators/anna$/status", Map.of("status", "AWAY")).assertProblem(400, "id: must be");
    api.get("/api/dialogs/-starts-with-a-dash").assertProblem(400, "id: must be");
    api.post("/api/dialogs/" + tooLong + "/close", null).assertProblem(400, "id: must be");
    api.get("/api/panel/folders?operatorId=" + tooLong).assertProblem(400, "operatorId: must be");
    api.post("/api/clients/" + tooLong + "/ban", null).assertProblem(400, "clientId: must be");
    assertThat(api.operator("anna").path("status").asText()).isEqualTo("ONLINE");
  }

  @Test
  void shouldRefuseATextOverItsLengthWithA400NamingTheField() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    String id = api.supportChat("client-1").path("id").asText();

    // when / then
    api.post("/api/dialogs/" + id + "/messages", Map.of("from", "operator", "operatorId", "anna",
        "text", "x".repeat(4001))).assertProblem(400, "text: size must be between");
    api.patch("/api/operators/anna", Map.of("name", "n".repeat(201))).assertProblem(400, "name:");
    assertThat(api.get("/api/dialogs/" + id + "/messages").body().toString()).doesNotContain("xxxxxxxxxx");
  }

  @Test
  void shouldAnswerAnUnsupportedMethodWithAProblem() {
    // given
    api.operator("anna", 1, "ONLINE", "support");

    // when / then
    api.delete("/api/operators/anna").assertProblem(405, "DELETE");
    api.delete("/api/dialogs").assertProblem(405, "DELETE");
    assertThat(api.operator("anna").path("id").asText()).isEqualTo("anna");
  }

  @Test
  void shouldAnswerABodyThatIsNotJsonWithAProblem() {
    // when
    HttpApi.Response refused = api.send(HttpMethod.POST, "/api/operators", "id=anna&name=Anna");

    // then
    refused.assertProblem(400, "JSON");
    assertThat(api.get("/api/operators").body()).isEmpty();
  }

  @Test
  void shouldRefuseAnOversizedFieldNamingIt() {
    // when fields are one character over their own limits, in bodies well under the body limit
    HttpApi.Response operator = api.post("/api/operators",
        Map.of("id", "anna", "name", "x".repeat(201), "maxDialogs", 1));
    HttpApi.Response message = api.post("/api/dialogs/any/messages",
        Map.of("from", "client", "text", "x".repeat(4001)));

    // then
    operator.assertProblem(400, "name");
    message.assertProblem(400, "text");
    assertThat(api.get("/api/operators").body()).isEmpty();
  }

  @Test
  void shouldRefuseAnOversizedScenarioVariableNamingIt() {
    // given
    api.operator("anna", 1, "ONLINE", "support");

    // when
    HttpApi.Response refused = api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "client-1",
        "scenario", "support_chat", "variables", Map.of("note", "x".repeat(4001))));

    // then
    refused.assertProblem(400, "variables.note");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isZero();
  }

  @Test
  void shouldRefuseAnOversizedBodyWhateverItHolds() {
    // given a body that is valid JSON and valid input, padded to two megabytes
    api.operator("anna", 1, "OFFLINE", "support");
    String padded = "{\"status\":\"ONLINE\"" + " ".repeat(OVERSIZED) + "}";

    // when
    HttpApi.Response response = api.send(HttpMethod.PUT, "/api/operators/anna/status", padded);

    // then
    response.assertProblem(413, "max-body-size");
    assertThat(api.operator("anna").path("status").asText()).isEqualTo("OFFLINE");
  }

  @Test
  void shouldRefuseControlAndBidiOverrideCharactersInNamesAndTexts() {
    // given
    api.operator("anna", 1, "ONLINE", "support");
    String dialog = api.supportChat("client-1").path("id").asText();

    // when / then: a name that would read backwards, a bell in a name, an escape in a message
    api.post("/api/operators", Map.of("id", "mallory", "name", "Mall\u202Eyro", "maxDialogs", 1))
        .assertProblem(400, "name", "U+202E");
    api.patch("/api/operators/anna", Map.of("name", "Anna\u0007")).assertProblem(400, "name", "U+0007");
    api.post("/api/dialogs/" + dialog + "/messages", Map.of("from", "client", "text", "hi \u001B[2J"))
        .assertProblem(400, "text", "U+001B");
    api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "client-2", "scenario", "support_chat",
        "variables", Map.of("note", "\u2066isolated\u2069"))).assertProblem(400, "U+2066");
    assertThat(api.get("/api/operators/mallory").status()).isEqualTo(404);
    assertThat(api.operator("anna").path("name").asText()).isEqualTo("Anna");
    // line breaks and tabs are text
    api.post("/api/dialogs/" + dialog + "/messages", Map.of("from", "client", "text", "two\nlines\tand a tab"))
        .assertStatus(201);
  }

  @Test
  void shouldRefuseAFractionWhereAWholeNumberIsMeant() {
    // when / then
    api.send(HttpMethod.POST, "/api/operators", "{\"id\":\"anna\",\"name\":\"Anna\",\"maxDialogs\":1.5}")
        .assertProblem(400, "maxDialogs");
    assertThat(api.get("/api/operators/anna").status()).isEqualTo(404);
  }

  @Test
  void shouldRefuseAFieldGivenTwice() {
    // when / then
    api.send(HttpMethod.POST, "/api/operators",
        "{\"id\":\"anna\",\"name\":\"Anna\",\"maxDialogs\":1,\"maxDialogs\":50}")
        .assertProblem(400, "maxDialogs");
    assertThat(api.get("/api/operators/anna").status()).isEqualTo(404);
  }
}
