package io.operatorconnect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.WebhookReceiver;
import io.operatorconnect.testsupport.WebhookReceiver.Received;
import io.operatorconnect.testsupport.cluster.InProcessNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries the webhook refused before the application stopped are delivered after it starts again, on
 * the embedded H2 file: the outbox is in the database, not in memory.
 */
class OutboxRestartTests {

  @Test
  void shouldDeliverAfterARestartWhatTheWebhookRefusedBefore(@TempDir Path folder) {
    String url = "jdbc:h2:file:" + folder.resolve("operator-connect").toAbsolutePath()
        + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(Collections.nCopies(1000, 503).toArray(Integer[]::new));
      String dialog;
      try (InProcessNode node = node(url)) {
        // given a webhook that refuses every delivery, and a dialog whose greeting it refused
        HttpApi api = node.api();
        api.put("/api/channels/tg", Map.of("webhook", Map.of("url", receiver.url(),
            "secret", "a-webhook-secret-of-the-bot"))).assertStatus(200);
        api.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"),
            "maxDialogs", 2, "status", "ONLINE")).assertStatus(201);
        dialog = api.post("/api/dialogs", Map.of("channel", "tg", "clientId", "client-1",
            "scenario", "support_chat")).assertStatus(201).text("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
      }

      // when the webhook recovers and the application starts again
      receiver.recover();
      try (InProcessNode node = node(url)) {
        // then everything it had to say arrives, in order
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().stream()
            .filter(r -> r.answered() == 200).count() == 3);
        List<Received> delivered = receiver.received().stream().filter(r -> r.answered() == 200).toList();
        assertThat(delivered).extracting(r -> r.json().path("type").asText())
            .containsExactly("message", "assigned", "message");
        assertThat(delivered).allSatisfy(r -> assertThat(r.json().path("dialogId").asText()).isEqualTo(dialog));
        assertThat(node.api().get("/api/channels/tg/deliveries?state=DELIVERED").body().size()).isEqualTo(3);
      }
    }
  }

  private static InProcessNode node(String url) {
    return InProcessNode.start("outboxRestart", List.of("--spring.profiles.active=test-node",
        "--spring.datasource.url=" + url, "--server.port=0", "--camunda.bpm.process-engine-name=outboxRestart",
        "--operator-connect.channels.first-retry=200ms", "--operator-connect.channels.max-retry=1s"));
  }
}
