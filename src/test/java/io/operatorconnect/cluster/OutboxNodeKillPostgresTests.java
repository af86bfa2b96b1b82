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
 * node's claims have expired: every delivery arrives, the ones the kill cut off (in flight, or answered but not
 * yet recorded with the rest of their dialog's chain) once more with the same delivery id and body, no recorded
 * one twice, and each dialog's in order.
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
  void shouldDeliverEveryItemAndOnlyTheOnesTheKillLeftUnrecordedTwiceWhenANodeIsKilledInTheMiddleOfADelivery() {
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
      // and node A with every sender waiting for an answer
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.held().size() == SENDERS);
      assertThat(count(db, "TRUE")).isEqualTo(DIALOGS_BEFORE * 3);

      // when node A is killed in the middle of those deliveries
      nodeA.kill();
      List<String> inFlight = receiver.held().stream().map(Received::delivery).toList();
      assertThat(receiver.received()).hasSize(ANSWERED + SENDERS);
      assertThat(inFlight).doesNotHaveDuplicates();
      assertThat(db.sql("SELECT COUNT(*) FROM oc_outbox WHERE id IN (:ids) AND state = 'PENDING'"
          + " AND claimed_until > CURRENT_TIMESTAMP").param("ids", inFlight).query(Integer.class).single())
          .isEqualTo(SENDERS);
      // A sender records what the webhook took when its dialog's chain ends: the deliveries answered earlier in
      // the chains cut off were not recorded, and are sent again too, like those in flight.
      Set<String> recorded = Set.copyOf(db.sql("SELECT id FROM oc_outbox WHERE state = 'DELIVERED'")
          .query(String.class).list());
      List<String> receivedBeforeKill = receiver.received().stream().map(Received::delivery).toList();
      List<String> sentAgain = receivedBeforeKill.stream().filter(id -> !recorded.contains(id)).toList();
      assertThat(sentAgain).containsAll(inFlight).hasSizeLessThanOrEqualTo(SENDERS * 3);
      int claimedNotSent = count(db, "state = 'PENDING' AND claimed_until IS NOT NULL") - sentAgain.size();
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
            .until(() -> receiver.received().size() == total + sentAgain.size());

        // then every delivery was answered once, the outbox holds no other
        List<Received> received = receiver.received();
        List<String> ids = db.sql("SELECT id FROM oc_outbox").query(String.class).list();
        assertThat(ids).hasSize(total);
        assertThat(count(db, "state = 'DELIVERED'")).isEqualTo(total);
        assertThat(received.stream().filter(r -> r.answered() == 200).map(Received::delivery).distinct())
            .containsExactlyInAnyOrderElementsOf(ids);
        // and only those the kill cut off (in flight, or answered and not yet recorded) arrived twice, with the
        // same delivery id and the same body; none that was recorded
        assertThat(received).allSatisfy(r -> assertThat(r.json().path("id").asText()).isEqualTo(r.delivery()));
        Map<String, List<Received>> triesPerId = received.stream().collect(Collectors.groupingBy(Received::delivery));
        assertThat(triesPerId).allSatisfy((id, tries) -> assertThat(tries).hasSize(sentAgain.contains(id) ? 2 : 1));
        assertThat(sentAgain).allSatisfy(id -> {
          List<Received> tries = triesPerId.get(id);
          assertThat(tries).extracting(Received::answered).containsExactly(inFlight.contains(id) ? 0 : 200, 200);
          assertThat(tries.get(1).json()).isEqualTo(tries.get(0).json());
        });
        // and each dialog's arrived in the outbox's order: what reached the webhook before the kill, then again from
        // the first delivery the kill left unrecorded
        Set<String> beforeKill = Set.copyOf(receivedBeforeKill);
        Map<String, List<String>> firstPass = new LinkedHashMap<>();
        Map<String, List<String>> secondPass = new LinkedHashMap<>();
        db.sql("SELECT dialog_id, id FROM oc_outbox ORDER BY seq").query((rs, n) -> {
          String dialog = rs.getString(1);
          String id = rs.getString(2);
          if (beforeKill.contains(id)) {
            firstPass.computeIfAbsent(dialog, d -> new ArrayList<>()).add(id);
          }
          if (!recorded.contains(id)) {
            secondPass.computeIfAbsent(dialog, d -> new ArrayList<>()).add(id);
          }
          return null;
        }).list();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String dialog : dialogs) {
          List<String> order = new ArrayList<>(firstPass.getOrDefault(dialog, List.of()));
          order.addAll(secondPass.getOrDefault(dialog, List.of()));
          expected.put(dialog, order);
        }
        Map<String, List<String>> arrived = received.stream().collect(Collectors.groupingBy(
            r -> r.json().path("dialogId").asText(), Collectors.mapping(Received::delivery, Collectors.toList())));
        assertThat(arrived.keySet()).containsExactlyInAnyOrderElementsOf(dialogs);
        assertThat(arrived).isEqualTo(expected);
        Map<String, List<String>> typesPerDialog = received.stream().filter(r -> r.answered() == 200)
            .filter(r -> firstTake(received, r)).collect(Collectors.groupingBy(r -> r.json().path("dialogId").asText(),
                Collectors.mapping(r -> r.json().path("type").asText(), Collectors.toList())));
        assertThat(typesPerDialog.values()).allSatisfy(types ->
            assertThat(types).containsExactly("message", "assigned", "message"));
        System.out.printf("outbox node kill: %d deliveries, %d in flight and %d answered but not recorded at the"
            + " kill sent again with their ids, %d claimed and not sent; the claims lasted %.1f s past the kill%n",
            total, inFlight.size(), sentAgain.size() - inFlight.size(), claimedNotSent, leaseLeft);
      }
    }
  }

  /** Whether {@code one} is the first answered take of its delivery among {@code received}. */
  private static boolean firstTake(List<Received> received, Received one) {
    return received.stream().filter(r -> r.answered() == 200 && r.delivery().equals(one.delivery())).findFirst()
        .orElseThrow() == one;
  }

  private static int count(JdbcClient db, String condition) {
    return db.sql("SELECT COUNT(*) FROM oc_outbox WHERE " + condition).query(Integer.class).single();
  }
}
