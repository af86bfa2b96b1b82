package io.operatorconnect.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.TestUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Who may call what, over real HTTP: no credentials, wrong ones, and each role on its own and others' data. */
@OperatorConnectTest
@Order(1) // before the cluster tests: see junit-platform.properties
class SecurityApiTests {

  static final String SECRET = "a-long-password-1";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identity;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  HttpApi admin;
  HttpApi anna;
  HttpApi bob;
  HttpApi bot;

  @BeforeEach
  void users() {
    admin = new HttpApi(port);
    admin.post("/api/operators", operator("anna")).assertStatus(201);
    admin.post("/api/operators", operator("bob")).assertStatus(201);
    TestUsers.user(identity, "bot", SECRET, Role.INTEGRATION);
    anna = admin.as("anna", SECRET);
    bob = admin.as("bob", SECRET);
    bot = admin.as("bot", SECRET);
  }


  @Test
  void shouldRefuseEveryApiEndpointWithoutCredentials() {
    // given
    List<String> endpoints = new ArrayList<>();
    mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
        .filter(pattern -> pattern.startsWith("/api/"))
        .forEach(pattern -> {
          var methods = info.getMethodsCondition().getMethods();
          (methods.isEmpty() ? java.util.Set.of(RequestMethod.GET) : methods)
              .forEach(method -> endpoints.add(method.name() + " " + pattern.replaceAll("\\{[^}]+}", "x")));
        }));
    assertThat(endpoints).hasSizeGreaterThan(20).contains("POST /api/dialogs", "PUT /api/settings");

    // when / then
    HttpApi nobody = admin.anonymous();
    for (String endpoint : endpoints) {
      String[] parts = endpoint.split(" ");
      HttpApi.Response response = nobody.send(HttpMethod.valueOf(parts[0]), parts[1],
          parts[0].equals("GET") || parts[0].equals("DELETE") ? null : "{}");
      response.assertProblem(401, "sign in first");
    }
  }

  @Test
  void shouldRefuseWrongPasswordsAndUsersWithoutARole() {
    // given
    TestUsers.user(identity, "visitor", SECRET);
    // (a wrong password locks the user out for a few seconds: dora is in no other test)
    TestUsers.user(identity, "dora", SECRET, Role.OPERATOR);

    // when / then
    admin.as("dora", "not-her-password").get("/api/me").assertProblem(401, "wrong user name or password");
    admin.as("nobody", SECRET).get("/api/me").assertProblem(401, "wrong user name or password");
    admin.as("visitor", SECRET).get("/api/me")
        .assertProblem(401, "user 'visitor' has no Operator Connect role", "operators");
  }

  @Test
  void shouldTellWhoIsSignedInAndWithWhichRoles() {
    // when
    JsonNode me = anna.get("/api/me").assertStatus(200).body();
    JsonNode administrator = admin.get("/api/me").assertStatus(200).body();

    // then
    assertThat(me.path("id").asText()).isEqualTo("anna");
    assertThat(me.path("roles")).extracting(JsonNode::asText).containsExactly("OPERATOR");
    assertThat(administrator.path("roles")).extracting(JsonNode::asText).containsExactly("ADMIN");
  }

  @Test
  void shouldRefuseEngineRestAndWebappsWithoutCredentials() {
    HttpApi nobody = admin.anonymous();

    nobody.get("/engine-rest/engine").assertProblem(401);
    nobody.get("/engine-rest/process-definition").assertProblem(401);
    nobody.post("/engine-rest/deployment/create", "{}").assertProblem(401);
    nobody.get("/camunda/api/engine/engine/").assertProblem(401);
    nobody.get("/camunda/api/admin/auth/user/default").assertProblem(401);
    nobody.get("/actuator/env").assertStatus(401);
    // A page of a webapp sends the browser to the login page.
    assertThat(nobody.pageStatus("/camunda/app/cockpit/default/")).isEqualTo(302);
    assertThat(nobody.pageStatus("/camunda/app/tasklist/default/")).isEqualTo(302);
  }

  @Test
  void shouldKeepEngineRestAndCockpitForAdministrators() {
    anna.get("/engine-rest/process-definition").assertProblem(403, "administrators");
    bot.get("/engine-rest/process-definition").assertProblem(403, "administrators");
    anna.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").assertProblem(403);
    assertThat(admin.get("/engine-rest/process-definition").status()).isEqualTo(200);
    assertThat(admin.get("/engine-rest/process-definition").body().size()).isPositive();
  }

  @Test
  void shouldOpenOnlyHealthWithoutItsDetailsAndKeepMetricsForAdministratorsAndIntegrations() {
    HttpApi nobody = admin.anonymous();

    HttpApi.Response health = nobody.get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("status").asText()).isEqualTo("UP");
    assertThat(health.body().has("components")).as("details to anonymous callers: %s", health.body()).isFalse();
    assertThat(nobody.getText("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(anna.getText("/actuator/prometheus").status()).isEqualTo(403);
    assertThat(bot.getText("/actuator/prometheus").status()).isEqualTo(200);
    assertThat(bot.getText("/actuator/prometheus").body()).contains("operatorconnect_");
  }

  @Test
  void shouldRefuseAnOperatorOnAnotherOperatorsDialog() {
    // given: anna has the dialog
    admin.put("/api/operators/anna/status", Map.of("status", "ONLINE")).assertStatus(200);
    String id = bot.supportChat("client-1").path("id").asText();
    assertThat(admin.dialog(id).path("operatorId").asText()).isEqualTo("anna");

    // when / then: bob may neither see nor touch it
    bob.get("/api/dialogs/" + id).assertProblem(403, "'bob' may not read dialog", "its operator is 'anna'");
    bob.get("/api/dialogs/" + id + "/messages").assertProblem(403);
    bob.get("/api/dialogs/" + id + "/decisions").assertProblem(403);
    bob.post("/api/dialogs/" + id + "/messages", Map.of("from", "operator", "operatorId", "bob", "text", "hi"))
        .assertProblem(403, "answer in dialog");
    bob.post("/api/dialogs/" + id + "/messages", Map.of("from", "operator", "operatorId", "anna", "text", "hi"))
        .assertProblem(403, "of operator 'anna'");
    bob.post("/api/dialogs/" + id + "/transfer", Map.of("operatorId", "bob")).assertProblem(403);
    bob.post("/api/dialogs/" + id + "/return-to-queue", null).assertProblem(403);
    bob.post("/api/dialogs/" + id + "/return-to-bot", null).assertProblem(403);
    bob.post("/api/dialogs/" + id + "/close", null).assertProblem(403);
    assertThat(admin.dialog(id).path("state").asText()).isEqualTo("TAKEN_OVER");

    // and anna may
    anna.get("/api/dialogs/" + id).assertStatus(200);
    anna.post("/api/dialogs/" + id + "/messages", Map.of("from", "operator", "operatorId", "anna", "text", "hi"))
        .assertStatus(201);
    anna.post("/api/dialogs/" + id + "/close", null).assertStatus(200);
  }

  @Test
  void shouldLetAnOperatorSeeAndAcceptAWaitingDialogButOnlyForThemselves() {
    // given: auto-connect off, so the dialog waits for an operator to take it
    admin.settings(false);
    admin.put("/api/operators/bob/status", Map.of("status", "ONLINE")).assertStatus(200);
    String id = bot.supportChat("client-1").path("id").asText();
    admin.awaitState(id, "REQUESTED");

    // when / then
    bob.get("/api/dialogs/" + id).assertStatus(200);
    bob.post("/api/dialogs/" + id + "/accept", Map.of("operatorId", "anna")).assertProblem(403, "accept dialogs");
    bob.post("/api/dialogs/" + id + "/accept", Map.of("operatorId", "bob")).assertStatus(200);
    assertThat(admin.dialog(id).path("operatorId").asText()).isEqualTo("bob");
  }

  @Test
  void shouldLetAnOperatorChangeOnlyTheirOwnStatusAndSeeOnlyTheirOwnFolders() {
    bob.put("/api/operators/anna/status", Map.of("status", "ONLINE"))
        .assertProblem(403, "'bob' may not set the status of operator 'anna'");
    bob.post("/api/operators/anna/heartbeat", null).assertProblem(403);
    bob.post("/api/operators/anna/redistribute", null).assertProblem(403);
    bob.get("/api/panel/folders?operatorId=anna").assertProblem(403);
    assertThat(admin.operator("anna").path("status").asText()).isEqualTo("OFFLINE");

    bob.put("/api/operators/bob/status", Map.of("status", "ONLINE")).assertStatus(200);
    bob.get("/api/panel/folders?operatorId=bob").assertStatus(200);
  }

  @Test
  void shouldKeepSettingsAndOperatorManagementForAdministrators() {
    Map<String, Object> settings = Map.of("autoConnect", false, "distributionMethod", "RANDOM",
        "redistributeOnOffline", false);

    anna.put("/api/settings", settings).assertProblem(403, "administrators");
    bot.put("/api/settings", settings).assertProblem(403);
    anna.post("/api/operators", operator("carl")).assertProblem(403);
    anna.patch("/api/operators/anna", Map.of("maxDialogs", 100)).assertProblem(403);
    bot.get("/api/operators").assertProblem(403);

    assertThat(anna.get("/api/settings").body().path("autoConnect").asBoolean()).isTrue();
    admin.put("/api/settings", settings).assertStatus(200);
    assertThat(admin.operator("anna").path("maxDialogs").asInt()).isEqualTo(2);
  }

  @Test
  void shouldLetTheIntegrationSpeakForTheClientButNotForAnOperator() {
    // given
    String id = bot.supportChat("client-1").path("id").asText();

    // when / then
    bot.post("/api/dialogs/" + id + "/messages", Map.of("from", "client", "text", "hello")).assertStatus(201);
    anna.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "c", "scenario", "support_chat"))
        .assertProblem(403);
    anna.post("/api/dialogs/" + id + "/messages", Map.of("from", "client", "text", "fake"))
        .assertProblem(403, "only the integration");
    bot.post("/api/dialogs/" + id + "/accept", Map.of("operatorId", "anna")).assertProblem(403);
    bot.get("/api/queue").assertProblem(403);
  }

  @Test
  void shouldStoreOnlyAHashOfThePassword() {
    String stored = jdbc.sql("SELECT PWD_ FROM ACT_ID_USER WHERE ID_ = 'anna'").query(String.class).single();

    assertThat(stored).doesNotContain(SECRET).startsWith("{SHA-512}");
  }

  @Test
  void shouldRefuseAShortPasswordForAnOperator() {
    Map<String, Object> carl = operator("carl");
    carl.put("password", "short");

    admin.post("/api/operators", carl).assertProblem(400, "password: must be 10 to 200 characters");
    admin.get("/api/operators/carl").assertProblem(404);
  }

  private static Map<String, Object> operator(String id) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("name", id.substring(0, 1).toUpperCase() + id.substring(1));
    body.put("groups", List.of("support"));
    body.put("maxDialogs", 2);
    body.put("password", SECRET);
    return body;
  }
}
