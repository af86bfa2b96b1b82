package io.operatorconnect.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operatorconnect.security.Role;
import io.operatorconnect.testsupport.EventStream;
import io.operatorconnect.testsupport.EventStream.Event;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.TestUsers;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/panel/events}: who hears about what, over real HTTP, as the panel's EventSource does. */
@OperatorConnectTest
class PanelEventsApiTests {

  static final String SECRET = "a-long-password-for-events";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  PanelEvents panelEvents;

  HttpApi api;
  HttpClient http;

  @BeforeEach
  void operators() {
    api = new HttpApi(port);
    http = HttpClient.newHttpClient();
    api.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"), "maxDialogs", 2,
        "status", "ONLINE", "password", SECRET)).assertStatus(201);
    api.post("/api/operators", Map.of("id", "bob", "name", "Bob", "groups", List.of("sales"), "maxDialogs", 2,
        "status", "ONLINE", "password", SECRET)).assertStatus(201);
  }

  @Test
  void shouldTellAnOperatorAboutTheirDialogAssignedMessagedAndClosed() {
    try (EventStream anna = open("anna", SECRET)) {
      // given
      assertThat(anna.await("ready").data().path("user").asText()).isEqualTo("anna");

      // when a dialog reaches anna, the client writes, and anna closes it
      String dialog = api.supportChat("client-1").path("id").asText();
      Event assigned = anna.awaitAbout("assigned", dialog);
      api.post("/api/dialogs/" + dialog + "/messages", Map.of("from", "client", "text", "Hello?")).assertStatus(201);
      Event message = anna.await(event -> event.name().equals("message")
          && event.data().path("from").asText().equals("CLIENT"), new ArrayList<>());
      api.as("anna", SECRET).post("/api/dialogs/" + dialog + "/close", null).assertStatus(200);
      Event left = anna.awaitAbout("left", dialog);

      // then
      assertThat(assigned.data().path("state").asText()).isEqualTo("TAKEN_OVER");
      assertThat(message.data().path("dialogId").asText()).isEqualTo(dialog);
      assertThat(left.data().path("state").asText()).isEqualTo("CLOSED");
    }
  }

  @Test
  void shouldNotTellAnOperatorAboutAnotherOperatorsDialogs() {
    try (EventStream bob = open("bob", SECRET)) {
      bob.await("ready");

      // given anna's dialog, with a line from the client, closed
      String dialog = api.supportChat("client-1").path("id").asText();
      api.post("/api/dialogs/" + dialog + "/messages", Map.of("from", "client", "text", "Hello?")).assertStatus(201);
      api.as("anna", SECRET).post("/api/dialogs/" + dialog + "/close", null).assertStatus(200);

      // when something everybody hears about happens afterwards
      api.settings(false);

      // then bob heard that, and nothing about anna's dialog before it (events are written in order)
      List<Event> before = new ArrayList<>();
      Event settings = bob.await(event -> event.name().equals("settings"), before);
      assertThat(settings.data().path("autoConnect").asBoolean()).isFalse();
      assertThat(before).as("bob's events before the settings").noneMatch(event ->
          dialog.equals(event.data().path("dialogId").asText()));
    }
  }

  @Test
  void shouldTellOperatorsWhenTheWaitingDialogsChangeAndAdministratorsAboutEveryLoad() {
    try (EventStream bob = open("bob", SECRET); EventStream admin = open(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD)) {
      bob.await("ready");
      admin.await("ready");

      // when, with automatic connection off, a new dialog waits to be accepted, and then anna takes it
      api.settings(false);
      String dialog = api.supportChat("client-1").path("id").asText();
      Event waiting = bob.awaitAbout("waiting", dialog);
      api.as("anna", SECRET).post("/api/dialogs/" + dialog + "/accept", Map.of("operatorId", "anna"))
          .assertStatus(200);

      // then every operator hears that the waiting dialogs changed (the page asks the API what it may see)
      assertThat(waiting.data().path("state").asText()).isEqualTo("REQUESTED");
      bob.await(event -> event.name().equals("waiting") && dialog.equals(event.data().path("dialogId").asText())
          && event.data().path("state").asText().equals("TAKEN_OVER"), new ArrayList<>());
      // and the administrator that anna's load changed
      admin.await(event -> event.name().equals("operators")
          && event.data().path("operatorId").asText().equals("anna"), new ArrayList<>());
      api.put("/api/operators/bob/status", Map.of("status", "AWAY")).assertStatus(200);
      admin.await(event -> event.name().equals("operators")
          && event.data().path("operatorId").asText().equals("bob"), new ArrayList<>());
    }
  }

  @Test
  void shouldRefuseTheStreamToCallersWithoutAPanelRoleAndChallengeNobody() throws Exception {
    // given
    TestUsers.user(identity, "eventsbot", SECRET, Role.INTEGRATION);

    // when
    HttpResponse<String> anonymous = http.send(request("/api/panel/events").build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> integration = http.send(request("/api/panel/events")
        .header("Authorization", basic("eventsbot", SECRET)).build(), HttpResponse.BodyHandlers.ofString());

    // then no Basic challenge: the browser must not pop up its own sign-in dialog for an EventSource
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
    assertThat(integration.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(integration.body()).path("detail").asText()).contains("administrators, operators");
  }

  @Test
  void shouldEndTheStreamOfASessionThatSignsOut() throws Exception {
    // given anna signed in on the login page, with the panel's stream open in that session
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    signIn(browser, "anna", SECRET);
    int before = panelEvents.openStreams();
    try (EventStream stream = EventStream.open(browser, port, "/api/panel/events")) {
      stream.await("ready");
      assertThat(panelEvents.openStreams()).isEqualTo(before + 1);
      JsonNode csrf = JSON.readTree(browser.send(request("/api/me").setHeader("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofString()).body()).path("csrf");

      // when
      HttpResponse<String> signOut = browser.send(request("/logout")
          .header(csrf.path("headerName").asText(), csrf.path("token").asText())
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

      // then the server ends the stream and forgets it
      assertThat(signOut.statusCode()).isEqualTo(302);
      await().atMost(Duration.ofSeconds(10)).until(stream::ended);
      await().atMost(Duration.ofSeconds(10)).until(() -> panelEvents.openStreams() == before);
    }
  }

  private EventStream open(String user, String password) {
    return EventStream.open(http, port, "/api/panel/events", "Authorization", basic(user, password));
  }

  private void signIn(HttpClient browser, String user, String password) throws Exception {
    String page = browser.send(request("/login").setHeader("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher token = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as("the login page carries a CSRF token: %s", page).isTrue();
    String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
    HttpResponse<String> login = browser.send(request("/login")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/event-stream");
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
