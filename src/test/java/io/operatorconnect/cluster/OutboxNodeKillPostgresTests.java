package io.operatorconnect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.PostgresAvailable;
import io.operatorconnect.testsupport.WebhookReceiver;
import io.operatorconnect.testsupport.WebhookReceiver.Received;
import io.operatorconnect.testsupport.cluster.FreshPostgresDatabase;
import io.operatorconnect.testsupport.cluster.JvmNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node as a JVM of its own is killed (SIGKILL) while its tries are in flight, the webhook holding their
 * requests without an answer, and a second node on the same PostgreSQL delivers the outbox once the dead
 * node's claims have expired: every delivery arrives, the ones in flight at the kill once more with the same
 * delivery id and body, no other one twice, and each dialog's in order.
 */
@ExtendWith(PostgresAvailable.class)
class OutboxNodeKillPostgresTests {

  private static final int DIALOGS_BEFORE = 10;
  private static final int DIALOGS_AFTER = 4;
  /** The deliveries the webhook answers before it holds every further one. */
  private static final int ANSWERED = 10;
  /** How many deliveries a node sends at once: all of them are in flight at the kill. */
  private static final int SENDERS = 4;
  /**
   * A claim lasts a try's timeout for each delivery of the longest chain claimed (a dialog's three here) and the
   * margin: 18 s to wait out after the kill.
   */
  private static final String[] CHANNELS = {"--operator-connect.channels.timeout=5s",
      "--operator-connect.channels.claim-margin=3s", "--operator-connect.channels.senders=" + SENDERS};

  @Test
  void shouldDeliverEveryItemAndOnlyTheOnesInFlightTwiceWhenANodeIsKilledInTheMiddleOfADelivery() {
    try (var database = FreshPostgresDatabase.create("outbox_node_kill");
        var receiver = WebhookReceiver.start();
        var nodeA = JvmNode.launch("outboxKillA", database, CHANNELS)) {
      nodeA.awaitReady();
      JdbcClient db = database.jdbc();
      // given a webhook that answers the first deliveries and then holds every further one unanswered
      receiver.answer(Collections.nCopies(ANSWERED, 200).toArray(Integer[]::new)).hold();
      HttpApi a = nodeA.api();
      a.put("/api/channels/tg", Map.of("webhook", Map.of("url", receiver.url(), "secret", "a-webhook-secret-of-the-bot")))
          .assertStatus(200);
      a.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"),
          "maxDialogs", DIALOGS_BEFORE + DIALOGS_AFTER, "status", "ONLINE")).assertStatus(201);
      List<String> dialogs = new ArrayList<>();
      for (int i = 0; i < DIALOGS_BEFORE; i++) {
        dialogs.add(a.post("/api/dialogs", Map.of("channel", "tg", "clientId", "client-" + i,
            "scenario", "support_chat")).assertStatus(201).text("id"));
      }
      // and node A with every sender waiting for an answer, and the answered deliveries recorded
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.held().size() == SENDERS
          && count(db, "state = 'DELIVERED'") == ANSWERED);
      assertThat(count(db, "TRUE")).isEqualTo(DIALOGS_BEFORE * 3);

      // when node A is killed in the middle of those deliveries
      nodeA.kill();
      List<String> inFlight = receiver.held().stream().map(Received::delivery).toList();
      assertThat(receiver.received()).hasSize(ANSWERED + SENDERS);
      assertThat(inFlight).doesNotHaveDuplicates();
      assertThat(db.sql("SELECT COUNT(*) FROM oc_outbox WHERE id IN (:ids) AND state = 'PENDING'"
          + " AND claimed_until > CURRENT_TIMESTAMP").param("ids", inFlight).query(Integer.class).single())
          .isEqualTo(SENDERS);
      int claimedNotSent = count(db, "state = 'PENDING' AND claimed_until IS NOT NULL") - SENDERS;
      double leaseLeft = db.sql("SELECT EXTRACT(EPOCH FROM MAX(claimed_until) - CURRENT_TIMESTAMP) FROM oc_outbox")
          .query(Double.class).single();
      receiver.release();
      // and node B takes over, on which more dialogs start
      try (var nodeB = JvmNode.launch("outboxKillB", database, CHANNELS)) {
        nodeB.awaitReady();
        for (int i = 0; i < DIALOGS_AFTER; i++) {
          dialogs.add(nodeB.api().post("/api/dialogs", Map.of("channel", "tg", "clientId", "client-b" + i,
              "scenario", "support_chat")).assertStatus(201).text("id"));
        }
        int total = (DIALOGS_BEFORE + DIALOGS_AFTER) * 3;
        await().atMost(Duration.ofMinutes(2)).until(() -> count(db, "state = 'DELIVERED'") == total);
        // nothing more arrives: what the kill cut off once, everything else never again
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
            .until(() -> receiver.received().size() == total + SENDERS);

        // then every delivery was answered once, the outbox holds no other
        List<Received> received = receiver.received();
        List<String> ids = db.sql("SELECT id FROM oc_outbox").query(String.class).list();
        assertThat(ids).hasSize(total);
        assertThat(count(db, "state = 'DELIVERED'")).isEqualTo(total);
        assertThat(received.stream().filter(r -> r.answered() == 200).map(Received::delivery))
            .containsExactlyInAnyOrderElementsOf(ids);
        // and only those in flight at the kill arrived twice, with the same delivery id and the same body
        assertThat(received).allSatisfy(r -> assertThat(r.json().path("id").asText()).isEqualTo(r.delivery()));
        Map<String, List<Received>> triesPerId = received.stream().collect(Collectors.groupingBy(Received::delivery));
        assertThat(triesPerId).allSatisfy((id, tries) -> assertThat(tries).hasSize(inFlight.contains(id) ? 2 : 1));
        assertThat(inFlight).allSatisfy(id -> {
          List<Received> tries = triesPerId.get(id);
          assertThat(tries).extracting(Received::answered).containsExactly(0, 200);
          assertThat(tries.get(1).json()).isEqualTo(tries.get(0).json());
        });
        // and each dialog's arrived in the outbox's order, a delivery cut off by the kill again right after itself
        Set<String> repeated = Set.copyOf(inFlight);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        db.sql("SELECT dialog_id, id FROM oc_outbox ORDER BY seq").query((rs, n) -> {
          List<String> dialog = expected.computeIfAbsent(rs.getString(1), d -> new ArrayList<>());
          dialog.add(rs.getString(2));
          if (repeated.contains(rs.getString(2))) {
            dialog.add(rs.getString(2));
          }
          return null;
        }).list();
        Map<String, List<String>> arrived = received.stream().collect(Collectors.groupingBy(
            r -> r.json().path("dialogId").asText(), Collectors.mapping(Received::delivery, Collectors.toList())));
        assertThat(arrived.keySet()).containsExactlyInAnyOrderElementsOf(dialogs);
        assertThat(arrived).isEqualTo(expected);
        Map<String, List<String>> typesPerDialog = received.stream().filter(r -> r.answered() == 200)
            .collect(Collectors.groupingBy(r -> r.json().path("dialogId").asText(),
                Collectors.mapping(r -> r.json().path("type").asText(), Collectors.toList())));
        assertThat(typesPerDialog.values()).allSatisfy(types ->
            assertThat(types).containsExactly("message", "assigned", "message"));
        System.out.printf("outbox node kill: %d deliveries, %d in flight at the kill sent again with their ids,"
            + " %d claimed and not sent; the claims lasted %.1f s past the kill%n", total, inFlight.size(),
            claimedNotSent, leaseLeft);
      }
    }
  }

  private static int count(JdbcClient db, String condition) {
    return db.sql("SELECT COUNT(*) FROM oc_outbox WHERE " + condition).query(Integer.class).single();
  }
}
