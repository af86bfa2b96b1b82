package io.operatorconnect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.PostgresAvailable;
import io.operatorconnect.testsupport.WebhookReceiver;
import io.operatorconnect.testsupport.WebhookReceiver.Received;
import io.operatorconnect.testsupport.cluster.FreshPostgresDatabase;
import io.operatorconnect.testsupport.cluster.InProcessNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes on one PostgreSQL deliver one outbox: each claims with {@code FOR UPDATE SKIP LOCKED}, so every
 * delivery reaches the webhook once, and each dialog's deliveries arrive in order, whichever node sends them.
 */
@ExtendWith(PostgresAvailable.class)
class OutboxTwoNodePostgresTests {

  private static final int DIALOGS = 40;

  @Test
  void shouldDeliverEveryItemOnceAndEachDialogsInOrderWhenTwoNodesDeliver() {
    try (var database = FreshPostgresDatabase.create("outbox_two_nodes");
        var nodeA = InProcessNode.start("outboxA", database);
        var nodeB = InProcessNode.start("outboxB", database);
        var receiver = WebhookReceiver.start()) {
      // given a channel with a webhook and an operator who takes every dialog
      HttpApi a = nodeA.api();
      a.put("/api/channels/tg", Map.of("webhook", Map.of("url", receiver.url(), "secret", "a-webhook-secret-of-the-bot")))
          .assertStatus(200);
      a.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"),
          "maxDialogs", DIALOGS, "status", "ONLINE")).assertStatus(201);

      // when clients write on both nodes
      List<String> dialogs = new ArrayList<>();
      for (int i = 0; i < DIALOGS; i++) {
        HttpApi node = i % 2 == 0 ? a : nodeB.api();
        dialogs.add(node.post("/api/dialogs", Map.of("channel", "tg", "clientId", "client-" + i,
            "scenario", "support_chat")).assertStatus(201).text("id"));
      }

      // then each dialog's greeting, assignment and announcement arrive once each, in that order
      await().atMost(Duration.ofMinutes(2)).until(() -> receiver.received().size() >= DIALOGS * 3);
      List<Received> received = receiver.received();
      Map<String, Long> perId = received.stream().collect(Collectors.groupingBy(Received::delivery,
          Collectors.counting()));
      assertThat(perId).hasSize(DIALOGS * 3);
      assertThat(perId.values()).containsOnly(1L);
      Map<String, List<String>> typesPerDialog = received.stream().collect(Collectors.groupingBy(
          r -> r.json().path("dialogId").asText(), Collectors.mapping(r -> r.json().path("type").asText(),
              Collectors.toList())));
      assertThat(typesPerDialog.keySet()).containsExactlyInAnyOrderElementsOf(dialogs);
      assertThat(typesPerDialog.values()).allSatisfy(types ->
          assertThat(types).containsExactly("message", "assigned", "message"));
      assertThat(database.jdbc().sql("SELECT COUNT(*) FROM oc_outbox WHERE state = 'DELIVERED'")
          .query(Integer.class).single()).isEqualTo(DIALOGS * 3);
    }
  }
}
