package io.operatorconnect.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.queue.QueueDispatcher;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/** {@code /api/operators} over real HTTP: create, read, change, status, and every kind of bad input. */
@OperatorConnectTest
class OperatorApiTests {

  @LocalServerPort
  int port;

  @Autowired
  QueueDispatcher dispatcher;

  @Autowired
  IdentityService identity;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldCreateOperatorAndAnswerWithTheFullBody() {
    // given
    Map<String, Object> anna = Map.of("id", "anna", "name", "Anna", "groups", List.of("support", "billing"),
        "maxDialogs", 3, "channelLimits", Map.of("telegram", 2));

    // when
    HttpApi.Response created = api.post("/api/operators", anna);

    // then
    created.assertStatus(201);
    JsonNode body = created.body();
    assertThat(body.path("id").asText()).isEqualTo("anna");
    assertThat(body.path("name").asText()).isEqualTo("Anna");
    assertThat(body.path("groups")).extracting(JsonNode::asText).containsExactly("billing", "support");
    assertThat(body.path("maxDialogs").asInt()).isEqualTo(3);
    assertThat(body.path("channelLimits").path("telegram").asInt()).isEqualTo(2);
    assertThat(body.path("status").asText()).isEqualTo("OFFLINE");
    assertThat(body.path("activeDialogs").isInt()).isTrue();
    assertThat(body.path("activeDialogs").asInt()).isZero();
    assertThat(body.path("activeByChannel").isObject()).isTrue();
    assertThat(body.path("activeByChannel").size()).isZero();
    assertThat(body.has("lastAssignedAt")).isTrue();
    assertThat(body.path("lastAssignedAt").isNull()).isTrue();
    assertThat(body.has("lastClosedAt")).isTrue();
    assertThat(body.path("lastClosedAt").isNull()).isTrue();
    assertThat(api.get("/api/operators/anna").assertStatus(200).body()).isEqualTo(body);
    assertThat(api.get("/api/operators").assertStatus(200).body()).containsExactly(body);
  }

  @Test
  void shouldShowTheOperatorsLoadAndTimesOfTheirLastDialog() {
    // given
    api.operator("anna", 2, "ONLINE", "support");

    // when
    String dialogId = api.supportChat("client-1").path("id").asText();

    // then
    JsonNode busy = api.operator("anna");
    assertThat(busy.path("activeDialogs").asInt()).isEqualTo(1);
    assertThat(busy.path("activeByChannel").path("telegram").asInt()).isEqualTo(1);
    assertThat(busy.path("lastAssignedAt").asText()).isNotBlank();
    assertThat(busy.path("lastClosedAt").isNull()).isTrue();

    // when
    api.post("/api/dialogs/" + dialogId + "/close", null).assertStatus(200);

    // then
    JsonNode free = api.operator("anna");
    assertThat(free.path("activeDialogs").asInt()).isZero();
    assertThat(free.path("activeByChannel").size()).isZero();
    assertThat(free.path("lastClosedAt").asText()).isNotBlank();
  }

  @Test
  void shouldRefuseAnOperatorWhoseIdIsTaken() {
    // given
    api.operator("anna", 1, "ONLINE", "support");

    // when
    HttpApi.Response duplicate = api.post("/api/operators", Map.of("id", "anna", "name", "Other Anna", "maxDialogs", 5));

    // then
    duplicate.assertProblem(409, "anna", "already exists");
    assertThat(api.operator("anna").path("name").asText()).isEqualTo("Anna");
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownOperator() {
    // when / then
    api.get("/api/operators/nobody").assertProblem(404, "nobody");
    api.patch("/api/operators/nobody", Map.of("maxDialogs", 2)).assertProblem(404, "nobody");
    api.put("/api/operators/nobody/status", Map.of("status", "ONLINE")).assertProblem(404, "nobody");
    assertThat(api.get("/api/operators").body()).isEmpty();
  }

  @Test
  void shouldChangeOnlyWhatThePatchGives() {
    // given
    api.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"), "maxDialogs", 3,
        "channelLimits", Map.of("telegram", 2))).assertStatus(201);

    // when
    HttpApi.Response renamed = api.patch("/api/operators/anna", Map.of("name", "Anna Karenina"));
    HttpApi.Response regrouped = api.patch("/api/operators/anna",
        Map.of("groups", List.of("sales"), "channelLimits", Map.of("whatsapp", 1)));

    // then
    assertThat(renamed.assertStatus(200).text("name")).isEqualTo("Anna Karenina");
    JsonNode anna = regrouped.assertStatus(200).body();
    assertThat(anna.path("name").asText()).isEqualTo("Anna Karenina");
    assertThat(anna.path("maxDialogs").asInt()).isEqualTo(3);
    assertThat(anna.path("groups")).extracting(JsonNode::asText).containsExactly("sales");
    assertThat(anna.path("channelLimits").properties()).extracting(Map.Entry::getKey).containsExactly("whatsapp");
    assertThat(api.operator("anna")).isEqualTo(anna);
  }

  @Test
  void shouldServeAQueuedDialogWhenTheOperatorsLimitIsRaised() {
    // given anna is busy with her only slot, a second dialog waits in the queue
    api.operator("anna", 1, "ONLINE", "support");
    api.supportChat("client-1");
    String waiting = api.supportChat("client-2").path("id").asText();
    assertThat(api.dialog(waiting).path("state").asText()).isEqualTo("QUEUED");

    // when
    HttpApi.Response raised = api.patch("/api/operators/anna", Map.of("maxDialogs", 2));

    // then
    assertThat(raised.assertStatus(200).body().path("maxDialogs").asInt()).isEqualTo(2);
    JsonNode served = api.awaitState(waiting, "TAKEN_OVER");
    assertThat(served.path("operatorId").asText()).isEqualTo("anna");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isEqualTo(2);
  }

  @Test
  void shouldServeTheQueueWhenAnOperatorComesOnline() {
    // given nobody of the subject is online, so the dialog waits
    api.operator("anna", 1, "OFFLINE", "support");
    String waiting = api.supportChat("client-1").path("id").asText();
    assertThat(api.dialog(waiting).path("state").asText()).isEqualTo("QUEUED");

    // when
    HttpApi.Response online = api.put("/api/operators/anna/status", Map.of("status", "ONLINE"));

    // then
    assertThat(online.assertStatus(200).text("status")).isEqualTo("ONLINE");
    assertThat(api.awaitState(waiting, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("anna");
  }

  @Test
  void shouldKeepTheQueueWaitingWhileTheOperatorIsOnlyAway() {
    // given
    api.operator("anna", 1, "OFFLINE", "support");
    String waiting = api.supportChat("client-1").path("id").asText();

    // when
    HttpApi.Response away = api.put("/api/operators/anna/status", Map.of("status", "AWAY"));

    // then the example's connect action asks for online operators only, so an AWAY operator gets nothing
    assertThat(away.assertStatus(200).text("status")).isEqualTo("AWAY");
    assertThat(dispatcher.drain()).isZero();
    assertThat(api.dialog(waiting).path("state").asText()).isEqualTo("QUEUED");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isZero();
  }

  static Stream<Arguments> invalidNewOperators() {
    String valid = "\"name\":\"Anna\",\"maxDialogs\":2";
    return Stream.of(
        Arguments.of("negative maxDialogs", "{\"id\":\"anna\",\"name\":\"Anna\",\"maxDialogs\":-1}", "maxDialogs"),
        Arguments.of("absurd maxDialogs", "{\"id\":\"anna\",\"name\":\"Anna\",\"maxDialogs\":1000000}", "maxDialogs"),
        Arguments.of("missing maxDialogs", "{\"id\":\"anna\",\"name\":\"Anna\"}", "maxDialogs"),
        Arguments.of("negative channel limit", "{\"id\":\"anna\"," + valid + ",\"channelLimits\":{\"telegram\":-1}}",
            "channelLimits"),
        Arguments.of("channel with spaces", "{\"id\":\"anna\"," + valid + ",\"channelLimits\":{\"tele gram\":1}}",
            "channelLimits"),
        Arguments.of("missing name", "{\"id\":\"anna\",\"maxDialogs\":2}", "name"),
        Arguments.of("blank name", "{\"id\":\"anna\",\"name\":\"  \",\"maxDialogs\":2}", "name"),
        Arguments.of("missing id", "{" + valid + "}", "id"),
        Arguments.of("id with spaces", "{\"id\":\"an na\"," + valid + "}", "id"),
        Arguments.of("id too long", "{\"id\":\"" + "a".repeat(65) + "\"," + valid + "}", "id"),
        Arguments.of("group with spaces", "{\"id\":\"anna\"," + valid + ",\"groups\":[\"first line\"]}", "groups"),
        Arguments.of("unknown field", "{\"id\":\"anna\",\"name\":\"Anna\",\"maxDialog\":2}", "maxDialog"),
        Arguments.of("unknown status", "{\"id\":\"anna\"," + valid + ",\"status\":\"BUSY\"}", "status"),
        Arguments.of("text for a number", "{\"id\":\"anna\",\"name\":\"Anna\",\"maxDialogs\":\"two\"}", "maxDialogs"),
        Arguments.of("malformed JSON", "{\"id\":\"anna\",", "JSON"),
        Arguments.of("empty body", "", "body"),
        Arguments.of("JSON array", "[]", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidNewOperators")
  void shouldRefuseAnInvalidNewOperatorNamingWhatIsWrong(String problem, String body, String named) {
    // when
    HttpApi.Response refused = api.send(HttpMethod.POST, "/api/operators", body);

    // then
    refused.assertProblem(400, named);
    assertThat(api.get("/api/operators").body()).isEmpty();
  }

  static Stream<Arguments> invalidChanges() {
    return Stream.of(
        Arguments.of("negative maxDialogs", "{\"maxDialogs\":-1}", "maxDialogs"),
        Arguments.of("negative channel limit", "{\"channelLimits\":{\"telegram\":-5}}", "channelLimits"),
        Arguments.of("empty name", "{\"name\":\"\"}", "name"),
        Arguments.of("unknown field", "{\"maxDialgs\":4}", "maxDialgs"),
        Arguments.of("malformed JSON", "{\"maxDialogs\":", "JSON"),
        Arguments.of("empty body", "", "body"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidChanges")
  void shouldRefuseAnInvalidChangeAndKeepTheOperator(String problem, String body, String named) {
    // given
    JsonNode anna = api.operator("anna", 2, "ONLINE", "support");

    // when
    HttpApi.Response refused = api.send(HttpMethod.PATCH, "/api/operators/anna", body);

    // then
    refused.assertProblem(400, named);
    assertThat(api.operator("anna")).isEqualTo(anna);
  }

  static Stream<Arguments> invalidStatusChanges() {
    return Stream.of(
        Arguments.of("unknown status value", "{\"status\":\"BUSY\"}", "BUSY"),
        Arguments.of("lower-case status", "{\"status\":\"online\"}", "status"),
        Arguments.of("missing status", "{}", "status"),
        Arguments.of("unknown field", "{\"state\":\"ONLINE\"}", "state"),
        Arguments.of("malformed JSON", "{status: ONLINE}", "JSON"),
        Arguments.of("empty body", "", "body"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidStatusChanges")
  void shouldRefuseAnInvalidStatusChangeAndKeepTheStatus(String problem, String body, String named) {
    // given
    api.operator("anna", 2, "AWAY", "support");

    // when
    HttpApi.Response refused = api.send(HttpMethod.PUT, "/api/operators/anna/status", body);

    // then
    refused.assertProblem(400, named);
    assertThat(api.operator("anna").path("status").asText()).isEqualTo("AWAY");
  }

  static Stream<Arguments> wrongJsonTypes() {
    return Stream.of(
        Arguments.of("{\"groups\":\"support\"}", "groups: expected a list (a JSON array), not text"),
        Arguments.of("{\"maxDialogs\":\"two\"}", "maxDialogs: expected a whole number, not the text \"two\""),
        Arguments.of("{\"maxDialogs\":1.5}", "maxDialogs: expected a whole number"),
        Arguments.of("{\"channelLimits\":[1]}", "channelLimits: expected an object"),
        Arguments.of("{\"channelLimits\":{\"telegram\":\"one\"}}", "channelLimits.telegram: expected a whole number"),
        Arguments.of("{\"name\":[\"Anna\"]}", "name: expected text (a JSON string), not a list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongJsonTypes")
  void shouldNameTheFieldAndTheTypeItTakesWhenAValueHasTheWrongJsonType(String body, String detail) {
    // given
    JsonNode anna = api.operator("anna", 2, "ONLINE", "support");

    // when
    HttpApi.Response refused = api.send(HttpMethod.PATCH, "/api/operators/anna", body);

    // then: in the request's terms, not Jackson's ("Cannot construct instance of java.util.HashSet")
    refused.assertProblem(400, detail);
    assertThat(refused.text("detail")).doesNotContain("java.", "Cannot ", "`");
    assertThat(api.operator("anna")).isEqualTo(anna);
  }

  @Test
  void shouldGiveTheOperatorsAccountAFirstAndLastNameForTasklist() {
    // when
    api.post("/api/operators", Map.of("id", "anna", "name", "Anna Maria Lind", "maxDialogs", 1,
        "password", "a-password-of-annas")).assertStatus(201);

    // then: Tasklist shows first and last name
    User user = identity.createUserQuery().userId("anna").singleResult();
    assertThat(user.getFirstName()).isEqualTo("Anna Maria");
    assertThat(user.getLastName()).isEqualTo("Lind");

    // when: renamed to one word, without a new password
    api.patch("/api/operators/anna", Map.of("name", "Anna")).assertStatus(200);

    // then: no "Anna null"
    user = identity.createUserQuery().userId("anna").singleResult();
    assertThat(user.getFirstName()).isEqualTo("Anna");
    assertThat(user.getLastName()).isEmpty();
    assertThat(identity.checkPassword("anna", "a-password-of-annas")).isTrue();
  }

  @Test
  void shouldRefuseAnOperatorWithTheIdOfAnExistingUserAndChangeNothing() {
    // when: an operator named like the administrator, with a password of the caller's choosing
    api.post("/api/operators", Map.of("id", HttpApi.ADMIN, "name", "Taken over", "maxDialogs", 1,
        "password", "a-password-of-mine")).assertProblem(409, "already a user", "nothing was changed");
    api.post("/api/operators", Map.of("id", HttpApi.ADMIN, "name", "Taken over", "maxDialogs", 1))
        .assertProblem(409, "already a user");

    // then: the administrator keeps their password (they still sign in with it) and only their role; no
    // operator was made
    var me = api.get("/api/me").assertStatus(200).body();
    assertThat(me.path("roles").toString()).isEqualTo("[\"ADMIN\"]");
    assertThat(api.get("/api/operators/" + HttpApi.ADMIN).status()).isEqualTo(404);
  }
}
