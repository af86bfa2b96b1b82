package io.operatorconnect.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.SignedInSession;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No change succeeds on the strength of a session cookie alone, or from a page of another origin,
 * anywhere: {@code /engine-rest} takes HTTP Basic only, every unsafe request with a foreign {@code Origin}
 * is refused whatever its credentials, the cookie is {@code SameSite=Lax}, browsers get no Basic
 * challenge, and anonymous API calls leave no session behind.
 */
@OperatorConnectTest
@Order(1) // before the cluster tests: see junit-platform.properties
class CrossSiteRequestTests {

  static final String SECRET = "a-long-password-4";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String EVIL = "https://evil.example";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identity;

  @Autowired
  RepositoryService repository;

  @Autowired
  JdbcClient jdbc;

  HttpApi admin;
  SignedInSession administrator;

  @BeforeEach
  void administratorSignedInOnThePanel() {
    admin = new HttpApi(port);
    admin.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"),
        "maxDialogs", 2, "status", "ONLINE", "password", SECRET)).assertStatus(201);
    administrator = new SignedInSession(port);
    assertThat(administrator.signIn(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
    assertThat(administrator.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldRefuseADeploymentToTheEngineThatCarriesOnlyTheSessionCookie() {
    // when: another site's form posts a diagram with the administrator's cookie, with and without its Origin
    HttpResponse<String> forged = administrator.send(deployment("forged").header("Origin", EVIL));
    HttpResponse<String> cookieOnly = administrator.send(deployment("cookie-only"));

    // then
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
    assertThat(cookieOnly.statusCode()).as(cookieOnly.body()).isEqualTo(401);
    assertThat(repository.createDeploymentQuery().deploymentName("forged").count()).isZero();
    assertThat(repository.createDeploymentQuery().deploymentName("cookie-only").count()).isZero();
  }

  @Test
  void shouldRefuseToMakeAnAdministratorWithTheSessionCookieAlone() {
    // when
    HttpResponse<String> forged = administrator.send(administrator
        .request("/engine-rest/group/camunda-admin/members/anna").PUT(HttpRequest.BodyPublishers.noBody()));

    // then
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
    assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId("anna").count()).isZero();
  }

  @Test
  void shouldStillTakeAnEngineDeploymentWithBasicCredentials() {
    // when: Camunda Modeler or a script deploys with the administrator's credentials
    HttpResponse<String> deployed = new SignedInSession(port).send(deployment("by-basic")
        .header("Authorization", basic(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD)));

    // then
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    assertThat(repository.createDeploymentQuery().deploymentName("by-basic").count()).isEqualTo(1);
    repository.createDeploymentQuery().deploymentName("by-basic").list()
        .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
  }

  @Test
  void shouldRefuseAChangeFromAnotherOriginWhateverItsCredentials() {
    // given a dialog of anna's
    String dialog = admin.supportChat("client-1").path("id").asText();

    // when: a page of another origin posts a plain form with credentials the browser remembered
    HttpResponse<String> basic = administrator.send(administrator.request("/api/dialogs/" + dialog + "/close")
        .header("Authorization", basic(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD)).header("Origin", EVIL)
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> otherPort = administrator.send(administrator.request("/api/clients/client-1/ban")
        .header("Authorization", basic(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD))
        .header("Origin", "http://localhost:" + (port + 1)).POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> crossSite = administrator.send(administrator.request("/api/dialogs/" + dialog + "/close")
        .header("Authorization", basic(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD)).header("Sec-Fetch-Site", "cross-site")
        .POST(HttpRequest.BodyPublishers.noBody()));

    // then
    assertThat(basic.statusCode()).as(basic.body()).isEqualTo(403);
    assertThat(basic.body()).contains("https://evil.example").contains("refused");
    assertThat(otherPort.statusCode()).as(otherPort.body()).isEqualTo(403);
    assertThat(crossSite.statusCode()).as(crossSite.body()).isEqualTo(403);
    assertThat(admin.dialog(dialog).path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM oc_banned_client").query(Integer.class).single()).isZero();
  }

  @Test
  void shouldTakeAChangeFromTheAppsOwnPage() {
    // given
    String dialog = admin.supportChat("client-1").path("id").asText();

    // when: the panel's own script closes the dialog (its Origin is the app's)
    HttpResponse<String> own = administrator.send(administrator.request("/api/dialogs/" + dialog + "/close")
        .header("Origin", "http://localhost:" + port).header("Sec-Fetch-Site", "same-origin")
        .header(csrfHeader(), csrfToken()).POST(HttpRequest.BodyPublishers.noBody()));

    // then
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(admin.dialog(dialog).path("state").asText()).isEqualTo("CLOSED");
  }

  @Test
  void shouldRefuseTasklistsOwnApiFromAnotherOriginEvenWithItsToken() {
    // given anna's dialog and her Tasklist session
    String dialog = admin.supportChat("client-1").path("id").asText();
    SignedInSession anna = new SignedInSession(port);
    anna.signIn("anna", SECRET);
    anna.get("/camunda/app/tasklist/default/");
    String task = admin.get("/engine-rest/task?processInstanceBusinessKey=" + dialog).body().get(0).path("id").asText();

    // when
    HttpResponse<String> forged = anna.send(anna.request("/camunda/api/engine/engine/default/task/" + task + "/complete")
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", anna.cookie("XSRF-TOKEN").orElseThrow())
        .header("Origin", EVIL).POST(HttpRequest.BodyPublishers.ofString("{}")));

    // then
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
    assertThat(admin.dialog(dialog).path("state").asText()).isEqualTo("TAKEN_OVER");
  }

  @Test
  void shouldMarkTheSessionCookieSameSiteLax() {
    // when
    HttpResponse<String> login = new SignedInSession(port).signIn("anna", SECRET);

    // then
    assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
        .startsWith("JSESSIONID=").containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));
  }

  @Test
  void shouldSendNoBasicChallengeThatWouldMakeABrowserAskForAPassword() {
    // when
    HttpResponse<String> me = new SignedInSession(port).get("/api/me");
    HttpResponse<String> engine = new SignedInSession(port).get("/engine-rest/engine");
    HttpResponse<String> wrong = new SignedInSession(port).send(new SignedInSession(port).request("/api/me")
        .header("Authorization", basic("anna", "not-her-password")));

    // then
    for (HttpResponse<String> refused : List.of(me, engine, wrong)) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();
    }
  }

  @Test
  void shouldKeepNoSessionForAnonymousApiCalls() {
    // when: calls without credentials, read and change
    SignedInSession nobody = new SignedInSession(port);
    List<HttpResponse<String>> calls = List.of(nobody.get("/api/me"), nobody.get("/api/queue"),
        nobody.send(nobody.request("/api/dialogs").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))),
        nobody.send(nobody.request("/api/dialogs/x/close").POST(HttpRequest.BodyPublishers.noBody())));

    // then: refused, and no session cookie set
    for (HttpResponse<String> call : calls) {
      assertThat(call.statusCode()).isEqualTo(401);
      assertThat(call.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
    }
    assertThat(nobody.cookie("JSESSIONID")).isEmpty();
  }

  private HttpRequest.Builder deployment(String name) {
    String boundary = "----forged" + name;
    String bpmn = harmlessDiagram("forged_" + name.replace('-', '_'));
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name
        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"x.bpmn\"; filename=\"x.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    return administrator.request("/engine-rest/deployment/create")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  /** A diagram with a start event and nothing else: what a forged deployment carries here, in place of a timer running code. */
  static String harmlessDiagram(String processId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="forged">
          <process id="%s" isExecutable="true" camunda:historyTimeToLive="1">
            <startEvent id="start"/>
          </process>
        </definitions>
        """.formatted(processId);
  }

  private String csrfHeader() {
    return csrf().path("headerName").asText();
  }

  private String csrfToken() {
    return csrf().path("token").asText();
  }

  private JsonNode csrf() {
    try {
      return JSON.readTree(administrator.get("/api/me").body()).path("csrf");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }
}
