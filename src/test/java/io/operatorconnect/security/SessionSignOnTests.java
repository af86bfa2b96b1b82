package io.operatorconnect.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.SignedInSession;
import io.operatorconnect.testsupport.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A person signs in once on the login page, as a browser does: the session then serves the operator
 * panel's API calls (with the CSRF token) and Tasklist, which takes the same user (single sign-on).
 */
@OperatorConnectTest
@Order(1) // before the cluster tests: see junit-platform.properties
class SessionSignOnTests {

  static final String SECRET = "a-long-password-2";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identity;

  @Autowired
  TaskService tasks;

  SignedInSession session;

  @BeforeEach
  void operatorAnna() {
    new HttpApi(port).post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"),
        "maxDialogs", 2, "password", SECRET)).assertStatus(201);
    session = new SignedInSession(port);
  }

  @Test
  void shouldSignInOnTheLoginPageAndCarryTheUserIntoTasklist() throws Exception {
    // when
    HttpResponse<String> login = signIn("anna", SECRET);

    // then
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    // Opening Tasklist hands the signed-in user to the webapps.
    HttpResponse<String> tasklist = get("/camunda/app/tasklist/default/");
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.body()).contains("<html");
    HttpResponse<String> camundaUser = get("/camunda/api/admin/auth/user/default");
    assertThat(camundaUser.statusCode()).isEqualTo(200);
    JsonNode user = JSON.readTree(camundaUser.body());
    assertThat(user.path("userId").asText()).isEqualTo("anna");
    assertThat(user.path("authorizedApps").toString()).contains("tasklist");
    // Tasklist's own calls on the engine go through with the same session.
    HttpResponse<String> tasks = get("/camunda/api/engine/engine/default/task?assignee=anna");
    assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
    assertThat(JSON.readTree(tasks.body()).isArray()).isTrue();
    assertThat(get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(403);
  }

  @Test
  void shouldRefuseAWrongPasswordOnTheLoginPage() throws Exception {
    // (a wrong password locks the user out for a few seconds: erik is in no other test)
    TestUsers.user(identity, "erik", SECRET, Role.OPERATOR);

    HttpResponse<String> login = signIn("erik", "wrong-password");

    assertThat(login.headers().firstValue("Location").orElseThrow()).contains("/login?error");
    assertThat(get("/login?error").body()).contains("Wrong user name or password.");
    assertThat(get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void shouldAcceptAChangeFromTheSessionOnlyWithItsCsrfToken() throws Exception {
    // given
    signIn("anna", SECRET);
    JsonNode csrf = JSON.readTree(get("/api/me").body()).path("csrf");
    String online = "{\"status\":\"ONLINE\"}";

    // when
    HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/api/operators/anna/status"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(online)));
    HttpResponse<String> own = send(HttpRequest.newBuilder(uri("/api/operators/anna/status"))
        .header("Content-Type", "application/json").header(csrf.path("headerName").asText(), csrf.path("token").asText())
        .PUT(HttpRequest.BodyPublishers.ofString(online)));

    // then
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("CSRF token");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(JSON.readTree(own.body()).path("status").asText()).isEqualTo("ONLINE");
  }

  @Test
  void shouldLetAnOperatorWorkOnlyTheirOwnTasksInTasklist() throws Exception {
    // given: anna and bob hold one dialog each, a third one waits
    HttpApi admin = new HttpApi(port);
    admin.post("/api/operators", Map.of("id", "bob", "name", "Bob", "groups", List.of("support"),
        "maxDialogs", 1, "password", SECRET)).assertStatus(201);
    admin.patch("/api/operators/anna", Map.of("maxDialogs", 1)).assertStatus(200);
    admin.put("/api/operators/anna/status", Map.of("status", "ONLINE")).assertStatus(200);
    String annas = admin.supportChat("client-1").path("id").asText();
    admin.put("/api/operators/bob/status", Map.of("status", "ONLINE")).assertStatus(200);
    String bobs = admin.supportChat("client-2").path("id").asText();
    String waiting = admin.supportChat("client-3").path("id").asText();
    assertThat(admin.dialog(annas).path("operatorId").asText()).isEqualTo("anna");
    assertThat(admin.dialog(bobs).path("operatorId").asText()).isEqualTo("bob");
    admin.awaitState(waiting, "QUEUED");
    String bobsTask = taskOf(bobs);
    String annasTask = taskOf(annas);

    // when: anna opens Tasklist
    signIn("anna", SECRET);
    assertThat(get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
    JsonNode visible = JSON.readTree(get("/camunda/api/engine/engine/default/task").body());
    HttpResponse<String> foreign = tasklistPost("/camunda/api/engine/engine/default/task/" + bobsTask + "/complete");
    HttpResponse<String> own = tasklistPost("/camunda/api/engine/engine/default/task/" + annasTask + "/complete");

    // then: she sees and completes her own task only; completing it closes her dialog and serves the queue
    assertThat(visible).extracting(task -> task.path("id").asText()).containsExactly(annasTask);
    assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
    assertThat(admin.dialog(bobs).path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(204);
    assertThat(admin.dialog(annas).path("state").asText()).isEqualTo("CLOSED");
    assertThat(admin.awaitState(waiting, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("anna");
  }

  private String taskOf(String dialogId) {
    return tasks.createTaskQuery().processInstanceBusinessKey(dialogId).singleResult().getId();
  }

  /** A change through the webapps' API, with the CSRF token of Camunda's own cookie as Tasklist sends it. */
  private HttpResponse<String> tasklistPost(String path) throws Exception {
    String token = session.cookie("XSRF-TOKEN")
        .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie from the webapps"));
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  private HttpResponse<String> signIn(String user, String password) {
    return session.signIn(user, password);
  }

  private HttpResponse<String> get(String path) {
    return session.get(path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return session.send(request);
  }

  private URI uri(String path) {
    return session.request(path).build().uri();
  }
}
