package io.operatorconnect.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.WebhookReceiver;
import io.operatorconnect.testsupport.WebhookReceiver.Received;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox and the channels' webhooks with a real receiver on the loopback: what the client is told
 * arrives signed, in order per dialog, once per delivery id (again only on a retry, with the same id); a
 * failure is retried, a rolled-back step sends nothing, a channel without a webhook keeps the transcript only.
 */
@OperatorConnectTest
class WebhookDeliveryTests {

  static final String SECRET = "a-webhook-secret-of-the-bot";
  static final Duration PATIENCE = Duration.ofSeconds(15);

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  ClientMessenger messenger;
  @Autowired
  PlatformTransactionManager transactions;

  HttpApi api;
  WebhookReceiver receiver;

  @BeforeEach
  void receiverAndAnOperator() {
    api = new HttpApi(port);
    receiver = WebhookReceiver.start();
    api.operator("anna", 2, "ONLINE", "support");
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void shouldDeliverWhatTheClientIsToldSignedAndInOrder() throws Exception {
    // given
    hook("tg-1", receiver.url());

    // when a client writes on the channel and anna takes the dialog at once
    String dialog = chat("tg-1", "client-1");

    // then: the greeting, anna assigned, her arrival announced, in that order, each signed with the secret
    List<Received> got = awaitReceived(3);
    assertThat(got).extracting(r -> r.json().path("type").asText()).containsExactly("message", "assigned", "message");
    assertThat(got.get(0).json().path("text").asText()).isEqualTo("Hello! Let me find an operator for you.");
    assertThat(got.get(0).json().path("from").asText()).isEqualTo("bot");
    JsonNode assigned = got.get(1).json();
    assertThat(assigned.path("operator").path("id").asText()).isEqualTo("anna");
    assertThat(assigned.path("operator").path("name").asText()).isEqualTo("Anna");
    assertThat(assigned.path("from").isNull()).isTrue();
    assertThat(got.get(2).json().path("text").asText()).isEqualTo("Operator Anna has joined the chat.");
    for (Received delivery : got) {
      JsonNode body = delivery.json();
      assertThat(body.path("id").asText()).isEqualTo(delivery.delivery());
      assertThat(body.path("dialogId").asText()).isEqualTo(dialog);
      assertThat(body.path("channel").asText()).isEqualTo("tg-1");
      assertThat(body.path("clientId").asText()).isEqualTo("client-1");
      assertThat(body.path("at").asText()).isNotBlank();
      assertThat(delivery.signature()).isEqualTo("sha256=" + hmac(SECRET, delivery.timestamp() + "." + delivery.text()));
    }
    // and the operator's answer follows
    api.post("/api/dialogs/" + dialog + "/messages", Map.of("from", "operator", "operatorId", "anna",
        "text", "How can I help?")).assertStatus(201);
    Received answer = awaitReceived(4).get(3);
    assertThat(answer.json().path("from").asText()).isEqualTo("operator");
    assertThat(answer.json().path("operator").path("name").asText()).isEqualTo("Anna");
    await().atMost(PATIENCE).until(() -> api.get("/api/channels/tg-1/deliveries?state=DELIVERED").body().size() == 4);
  }

  @Test
  void shouldRetryAFailedDeliveryWithTheSameIdAndHoldTheDialogsLaterOnesUntilItGoesThrough() {
    // given a receiver that fails twice, then recovers
    hook("tg-2", receiver.url());
    receiver.answer(500, 503);

    // when
    chat("tg-2", "client-2");

    // then the first delivery came three times with one id, and the later ones only after it went through
    List<Received> got = awaitReceived(3);
    assertThat(got.subList(0, 3)).extracting(Received::delivery).containsOnly(got.get(0).delivery());
    assertThat(got.subList(0, 3)).extracting(Received::answered).containsExactly(500, 503, 200);
    assertThat(new LinkedHashSet<>(got.stream().map(Received::delivery).toList())).hasSize(3);
    assertThat(got.subList(3, 5)).extracting(r -> r.json().path("type").asText()).containsExactly("assigned", "message");
    JsonNode first = api.get("/api/channels/tg-2/deliveries").body().get(2);
    assertThat(first.path("attempts").asInt()).isEqualTo(3);
    assertThat(first.path("state").asText()).isEqualTo("DELIVERED");
  }

  @Test
  void shouldGiveUpAfterItsTimeAndSendAgainWhenAskedByHand() {
    // given a receiver that fails for a while, and a first delivery whose give-up time has come
    hook("tg-3", receiver.url());
    receiver.answer(500, 500, 500, 500, 500, 500);
    String dialog = chat("tg-3", "client-3");
    await().atMost(PATIENCE).until(() -> !receiver.received().isEmpty());
    jdbc.sql("UPDATE oc_outbox SET give_up_at = ? WHERE id = (SELECT MIN(id) FROM oc_outbox WHERE dialog_id = ?"
            + " AND seq = (SELECT MIN(seq) FROM oc_outbox WHERE dialog_id = ?))")
        .params(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), dialog, dialog).update();

    // when
    await().atMost(PATIENCE).until(() -> api.get("/api/channels/tg-3/deliveries?state=FAILED").body().size() == 1);
    JsonNode failed = api.get("/api/channels/tg-3/deliveries?state=FAILED").body().get(0);

    // then it is listed with why, its dialog's later deliveries go on, and a retry by hand sends it again
    assertThat(failed.path("lastStatus").asInt()).isEqualTo(500);
    assertThat(failed.path("lastError").asText()).contains("500");
    await().atMost(PATIENCE).until(() -> api.get("/api/channels/tg-3/deliveries?state=PENDING").body().isEmpty());
    String id = failed.path("id").asText();
    api.post("/api/channels/tg-3/deliveries/" + id + "/retry", Map.of()).assertStatus(200);
    await().atMost(PATIENCE).until(() -> receiver.received().stream()
        .anyMatch(r -> r.delivery().equals(id) && r.answered() == 200));
    api.post("/api/channels/tg-3/deliveries/" + id + "/retry", Map.of()).assertProblem(404, "only a FAILED one");
  }

  @Test
  void shouldDeliverWhatWaitedForADeadReceiverOrANodeThatDiedOnceTheWebhookAnswers() {
    // given a webhook that nothing answers (a closed port): deliveries wait
    hook("tg-4", "http://127.0.0.1:9/hook");
    String dialog = chat("tg-4", "client-4");
    await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT MAX(attempts) FROM oc_outbox WHERE dialog_id = ?")
        .param(dialog).query(Integer.class).single() >= 2);
    // ... and one held by a node that died in the middle of sending it
    jdbc.sql("UPDATE oc_outbox SET claimed_until = ? WHERE dialog_id = ?")
        .params(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), dialog).update();

    // when the channel's webhook is pointed at a receiver that answers
    hook("tg-4", receiver.url());

    // then everything arrives, in order, nothing lost
    assertThat(awaitReceived(3)).extracting(r -> r.json().path("type").asText())
        .containsExactly("message", "assigned", "message");
  }

  @Test
  void shouldSendNothingForARolledBackStepNorForAChannelWithoutWebhook() {
    // given
    hook("tg-5", receiver.url());
    String hooked = chat("tg-5", "client-5");
    awaitReceived(3);
    String plain = chat("telegram", "client-6");

    // when a step that speaks to the client rolls back
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      messenger.send(hooked, "tg-5", "client-5", Sender.BOT, null, "never said");
      status.setRollbackOnly();
    });

    // then
    assertThat(jdbc.sql("SELECT COUNT(*) FROM oc_outbox WHERE text = 'never said' OR dialog_id = ?").param(plain)
        .query(Integer.class).single()).isZero();
    assertThat(api.get("/api/dialogs/" + plain + "/messages").body().size()).isPositive();
    await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
        .until(() -> receiver.received().size() == 3);
  }

  @Test
  void shouldKeepTheSecretWriteOnlyAndRefuseWhatIsNoWebhook() {
    // when
    hook("tg-6", receiver.url());

    // then
    JsonNode channel = api.get("/api/channels/tg-6").assertStatus(200).body();
    assertThat(channel.path("webhook").path("url").asText()).isEqualTo(receiver.url());
    assertThat(channel.path("webhook").path("secretSet").asBoolean()).isTrue();
    assertThat(channel.toString()).doesNotContain(SECRET);
    assertThat(api.get("/api/channels").body().toString()).doesNotContain(SECRET);
    api.put("/api/channels/tg-6", Map.of("webhook", Map.of("url", "ftp://bot.example/hook", "secret", SECRET)))
        .assertProblem(400, "http or https");
    api.put("/api/channels/tg-6", Map.of("webhook", Map.of("url", receiver.url(), "secret", "short")))
        .assertProblem(400, "secret");
    api.delete("/api/channels/tg-6/webhook").assertStatus(204);
    assertThat(api.get("/api/channels/tg-6").body().path("webhook").isNull()).isTrue();
    api.delete("/api/channels/tg-6/webhook").assertProblem(404, "no webhook");
    // and only administrators
    api.post("/api/operators", Map.of("id", "olga", "name", "Olga", "maxDialogs", 1, "password", "a-long-password-10"))
        .assertStatus(201);
    HttpApi olga = api.as("olga", "a-long-password-10");
    olga.get("/api/channels").assertProblem(403, "administrators");
    olga.put("/api/channels/tg-6", Map.of("webhook", Map.of("url", receiver.url(), "secret", SECRET)))
        .assertProblem(403, "administrators");
  }

  private void hook(String channel, String url) {
    api.put("/api/channels/" + channel, Map.of("webhook", Map.of("url", url, "secret", SECRET))).assertStatus(200);
  }

  private String chat(String channel, String clientId) {
    return api.post("/api/dialogs", Map.of("channel", channel, "clientId", clientId, "scenario", "support_chat"))
        .assertStatus(201).body().path("id").asText();
  }

  private List<Received> awaitReceived(int count) {
    await().atMost(PATIENCE).until(() -> receiver.received().stream().filter(r -> r.answered() == 200).count() >= count);
    return receiver.received();
  }

  static String hmac(String secret, String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
