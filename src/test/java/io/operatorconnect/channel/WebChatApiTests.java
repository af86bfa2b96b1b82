package io.operatorconnect.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.operatorconnect.testsupport.EventStream;
import io.operatorconnect.testsupport.EventStream.Event;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The web chat's client side through its API (/chat/api): a chat starts without an account and gets a token
 * that opens its own dialog and nothing else; the client writes, reads live, and leaves; leaving while
 * queued closes the dialog as abandoned.
 */
@OperatorConnectTest
class WebChatApiTests {

  static final String GREETING = "Hello! Let me find an operator for you.";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  MeterRegistry meters;
  @Autowired
  RuntimeService runtime;

  HttpApi admin;
  HttpApi visitor;

  @BeforeEach
  void apisAndAnOperatorAway() {
    admin = new HttpApi(port);
    visitor = admin.anonymous();
    // the support desk exists, but nobody is online: chats wait in the queue
    admin.operator("anna", 1, "OFFLINE", "support");
  }

  @Test
  void shouldStartAChatWithoutAnAccountAndOpenItsTranscriptWithItsToken() {
    // when
    HttpApi.Response started = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201);

    // then: a webchat dialog of a new client on the default scenario, and a token good for hours
    String dialogId = started.text("dialogId");
    JsonNode dialog = admin.dialog(dialogId);
    assertThat(dialog.path("channel").asText()).isEqualTo("webchat");
    assertThat(dialog.path("scenario").asText()).isEqualTo("support_chat");
    assertThat(dialog.path("clientId").asText()).startsWith("web-");
    assertThat(Instant.parse(started.text("expiresAt"))).isAfter(Instant.now().plusSeconds(3600));
    JsonNode chat = visitor.withChatToken(started.text("token")).get("/chat/api/dialogs/" + dialogId)
        .assertStatus(200).body();
    assertThat(chat.path("messages").findValuesAsText("text")).contains(GREETING);
    assertThat(chat.path("dialog").path("dialogId").asText()).isEqualTo(dialogId);
    // a second chat is another client's
    String other = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201).text("dialogId");
    assertThat(admin.dialog(other).path("clientId").asText()).isNotEqualTo(dialog.path("clientId").asText());
  }

  @Test
  void shouldRefuseATokenOnAnotherDialogAndOnEveryOtherApi() {
    // given two chats
    HttpApi.Response a = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201);
    String dialogB = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201).text("dialogId");
    HttpApi withA = visitor.withChatToken(a.text("token"));

    // then: A's token opens nothing of B's
    withA.get("/chat/api/dialogs/" + dialogB).assertProblem(403, "opens its own dialog only");
    withA.post("/chat/api/dialogs/" + dialogB + "/messages", Map.of("text", "hi")).assertProblem(403);
    withA.post("/chat/api/dialogs/" + dialogB + "/leave", Map.of()).assertProblem(403);
    withA.get("/chat/api/dialogs/" + dialogB + "/events").assertProblem(403);
    assertThat(admin.dialog(dialogB).path("state").asText()).isNotEqualTo("CLOSED");
    assertThat(admin.get("/api/dialogs/" + dialogB + "/messages").body().findValuesAsText("from"))
        .doesNotContain("CLIENT");
    // and no API of the desk, not even its own dialog's
    String dialogA = a.text("dialogId");
    for (String path : List.of("/api/dialogs/" + dialogA, "/api/dialogs/" + dialogA + "/messages", "/api/me",
        "/api/channels", "/api/queue", "/api/operators", "/engine-rest/process-instance", "/actuator/metrics",
        "/camunda/api/engine/engine/default/task")) {
      assertThat(withA.get(path).status()).as(path).isEqualTo(401);
    }
    withA.post("/api/dialogs/" + dialogA + "/messages", Map.of("from", "client", "text", "hi")).assertProblem(401);
    withA.post("/api/dialogs", Map.of("channel", "webchat", "clientId", "x", "scenario", "support_chat"))
        .assertProblem(401);
  }

  @Test
  void shouldRefuseMissingForgedChangedAndExpiredTokens() throws Exception {
    // given
    HttpApi.Response started = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201);
    String dialogId = started.text("dialogId");
    String token = started.text("token");
    String[] parts = token.split("\\.");
    String path = "/chat/api/dialogs/" + dialogId;

    // then
    visitor.get(path).assertProblem(401, "needs the chat's token");
    visitor.withChatToken("nonsense").get(path).assertProblem(401, "not a chat token");
    String otherSignature = parts[0] + "." + parts[1] + "." + flip(parts[2]);
    visitor.withChatToken(otherSignature).get(path).assertProblem(401, "signature is wrong");
    String later = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
    visitor.withChatToken(later).get(path).assertProblem(401, "signature is wrong");
    String expired = signed(dialogId + "." + Instant.now().minusSeconds(1).getEpochSecond());
    visitor.withChatToken(expired).get(path).assertProblem(401, "expired at");
    visitor.withChatToken(expired).post(path + "/messages", Map.of("text", "hi")).assertProblem(401, "expired at");
    // the same key, signed as the desk signs: the check is the expiry, not the format
    visitor.withChatToken(signed(dialogId + "." + Instant.now().plusSeconds(60).getEpochSecond())).get(path)
        .assertStatus(200);
  }

  @Test
  void shouldRefuseScenariosNotOpenToTheChatAndBadMessages() {
    visitor.post("/chat/api/dialogs", Map.of("scenario", "operator_takeover"))
        .assertProblem(400, "not open to the web chat", "support_chat");
    visitor.send(HttpMethod.POST, "/chat/api/dialogs", "{\"scenario\": \"support_chat\", \"variables\": {}}")
        .assertProblem(400);
    HttpApi.Response started = visitor.post("/chat/api/dialogs", Map.of("scenario", "support_chat"))
        .assertStatus(201);
    HttpApi client = visitor.withChatToken(started.text("token"));
    String messages = "/chat/api/dialogs/" + started.text("dialogId") + "/messages";
    client.post(messages, Map.of("text", " ")).assertProblem(400, "text");
    client.post(messages, Map.of("text", "x".repeat(4001))).assertProblem(400, "text");
    client.post(messages, Map.of("text", "hi", "from", "operator")).assertProblem(400);
  }

  @Test
  void shouldTakeTheClientsMessagesAndCloseAQueuedChatTheyLeaveAsAbandoned() {
    // given nobody online: the chat waits in the queue
    HttpApi.Response started = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201);
    String dialogId = started.text("dialogId");
    HttpApi client = visitor.withChatToken(started.text("token"));
    admin.awaitState(dialogId, "QUEUED");
    double abandonedBefore = abandoned();

    // when the client writes, then leaves
    client.post("/chat/api/dialogs/" + dialogId + "/messages", Map.of("text", "Is anybody there?"))
        .assertStatus(201);
    JsonNode left = client.post("/chat/api/dialogs/" + dialogId + "/leave", Map.of()).assertStatus(200).body();

    // then: closed, out of the queue, its scenario over, counted as abandoned
    assertThat(left.path("state").asText()).isEqualTo("CLOSED");
    assertThat(admin.dialog(dialogId).path("state").asText()).isEqualTo("CLOSED");
    assertThat(admin.get("/api/queue").body().findValuesAsText("dialogId")).doesNotContain(dialogId);
    assertThat(jdbc.sql("SELECT close_reason FROM oc_dialog WHERE id = ?").param(dialogId).query(String.class)
        .single()).isEqualTo("ABANDONED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(dialogId).count()).isZero();
    assertThat(abandoned()).isEqualTo(abandonedBefore + 1);
    assertThat(admin.get("/api/dialogs/" + dialogId + "/messages").body().findValuesAsText("text"))
        .contains("Is anybody there?");
    // leaving again changes nothing; writing is refused
    client.post("/chat/api/dialogs/" + dialogId + "/leave", Map.of()).assertStatus(200);
    assertThat(abandoned()).isEqualTo(abandonedBefore + 1);
    client.post("/chat/api/dialogs/" + dialogId + "/messages", Map.of("text", "hello?")).assertProblem(409, "closed");
  }

  @Test
  void shouldFreeTheOperatorWhenTheClientLeavesTheirChat() {
    // given anna has the chat
    online("anna");
    HttpApi.Response started = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201);
    String dialogId = started.text("dialogId");
    admin.awaitState(dialogId, "TAKEN_OVER");

    // when the client leaves
    visitor.withChatToken(started.text("token")).post("/chat/api/dialogs/" + dialogId + "/leave", Map.of())
        .assertStatus(200);

    // then: anna's slot is free and the next chat is hers; the dialog is not abandoned but left
    assertThat(admin.operator("anna").path("activeDialogs").asInt()).isZero();
    assertThat(jdbc.sql("SELECT close_reason FROM oc_dialog WHERE id = ?").param(dialogId).query(String.class)
        .single()).isEqualTo("CLIENT_LEFT");
    String next = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201).text("dialogId");
    assertThat(admin.awaitState(next, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("anna");
  }

  @Test
  void shouldTellTheClientLiveWhereTheyStandWhoJoinedAndWhatTheOperatorWrites() {
    // given two queued chats
    HttpApi.Response first = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201);
    HttpApi.Response second = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201);
    String firstId = first.text("dialogId");
    String secondId = second.text("dialogId");
    admin.awaitState(firstId, "QUEUED");
    admin.awaitState(secondId, "QUEUED");
    HttpClient http = HttpClient.newHttpClient();
    try (EventStream events = EventStream.open(http, port, "/chat/api/dialogs/" + secondId + "/events?token="
        + second.text("token"))) {
      // then: the transcript so far and the place in the queue
      List<Event> skipped = new ArrayList<>();
      events.await(event -> event.name().equals("message") && GREETING.equals(event.data().path("text").asText()),
          skipped);
      Event queued = events.await(event -> event.name().equals("status")
          && event.data().path("queuePosition").asInt() == 2, skipped);
      assertThat(queued.data().path("state").asText()).isEqualTo("QUEUED");

      // when the first client leaves, the second moves up
      visitor.withChatToken(first.text("token")).post("/chat/api/dialogs/" + firstId + "/leave", Map.of())
          .assertStatus(200);
      events.await(event -> event.name().equals("status") && event.data().path("queuePosition").asInt() == 1,
          skipped);

      // when anna comes online, she joins and writes
      online("anna");
      // (a refresh sends the new lines before the status)
      events.await(event -> event.name().equals("message")
          && "Operator Anna has joined the chat.".equals(event.data().path("text").asText()), skipped);
      Event joined = events.await(event -> event.name().equals("status")
          && event.data().path("state").asText().equals("TAKEN_OVER"), skipped);
      assertThat(joined.data().path("operator").path("name").asText()).isEqualTo("Anna");
      assertThat(joined.data().path("queuePosition").isNull()).isTrue();
      admin.post("/api/dialogs/" + secondId + "/messages", Map.of("from", "operator", "operatorId", "anna",
          "text", "Hi, how can I help?")).assertStatus(201);
      Event answer = events.await(event -> event.name().equals("message")
          && event.data().path("from").asText().equals("operator"), skipped);
      assertThat(answer.data().path("text").asText()).isEqualTo("Hi, how can I help?");
      assertThat(answer.data().path("operatorName").asText()).isEqualTo("Anna");

      // when anna closes it, the client is told, and the stream ends
      admin.post("/api/dialogs/" + secondId + "/close", Map.of()).assertStatus(200);
      events.await(event -> event.name().equals("status") && event.data().path("state").asText().equals("CLOSED"),
          skipped);
      org.awaitility.Awaitility.await().until(events::ended);
    }
  }

  @Test
  void shouldSendOnlyTheLinesAfterTheLastEventIdWhenTheBrowserReconnects() {
    // given a chat with the greeting and two lines of the client's
    HttpApi.Response started = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201);
    String dialogId = started.text("dialogId");
    HttpApi client = visitor.withChatToken(started.text("token"));
    long first = client.post("/chat/api/dialogs/" + dialogId + "/messages", Map.of("text", "one"))
        .assertStatus(201).body().path("id").asLong();
    client.post("/chat/api/dialogs/" + dialogId + "/messages", Map.of("text", "two")).assertStatus(201);

    // when the browser reconnects after the first of them
    try (EventStream events = EventStream.open(HttpClient.newHttpClient(), port, "/chat/api/dialogs/" + dialogId
        + "/events?token=" + started.text("token"), "Last-Event-ID", Long.toString(first))) {
      // then it gets the second, not the greeting or the first again
      List<Event> skipped = new ArrayList<>();
      Event next = events.await("message");
      assertThat(next.data().path("text").asText()).isEqualTo("two");
      events.await("status");
      assertThat(skipped).isEmpty();
    }
  }

  @Test
  void shouldBringAnOpenChatUpToDateWithWhatAnotherNodeWrote() {
    // given a chat anna has (not waiting: only a change the check finds brings its page up to date), page open
    online("anna");
    HttpApi.Response started = visitor.post("/chat/api/dialogs", Map.of()).assertStatus(201);
    String dialogId = started.text("dialogId");
    admin.awaitState(dialogId, "TAKEN_OVER");
    try (EventStream events = EventStream.open(HttpClient.newHttpClient(), port, "/chat/api/dialogs/" + dialogId
        + "/events?token=" + started.text("token"))) {
      events.await("status");

      // when a line is written that no event of this node announces (as another node would write it)
      jdbc.sql("INSERT INTO oc_message (dialog_id, sender, text, created_at) VALUES (?, 'BOT', ?, ?)")
          .params(dialogId, "Written elsewhere", io.operatorconnect.system.Times.toDb(Instant.now())).update();

      // then the page gets it within the refresh
      Event line = events.await(event -> event.name().equals("message")
          && "Written elsewhere".equals(event.data().path("text").asText()), new ArrayList<>());
      assertThat(line.data().path("from").asText()).isEqualTo("bot");
    }
  }

  private void online(String operator) {
    admin.put("/api/operators/" + operator + "/status", Map.of("status", "ONLINE")).assertStatus(200);
  }

  private double abandoned() {
    var counter = meters.find("operator_connect.dialogs.abandoned").tag("channel", "webchat").counter();
    return counter == null ? 0 : counter.count();
  }

  /** A token as the desk signs it, with the key every node shares. */
  private String signed(String dialogAndExpiry) throws Exception {
    String key = jdbc.sql("SELECT key_value FROM oc_key WHERE name = 'webchat-token'").query(String.class).single();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
    return dialogAndExpiry + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(dialogAndExpiry.getBytes(StandardCharsets.UTF_8)));
  }

  private static String flip(String signature) {
    char last = signature.charAt(signature.length() - 1);
    return signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A');
  }
}
