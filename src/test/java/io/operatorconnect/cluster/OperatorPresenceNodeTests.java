package io.operatorconnect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.cluster.InProcessNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operators who stop sending heartbeats are set OFFLINE by the periodic presence check, and their
 * dialogs move on when the panel says so; a node of its own (H2 in memory) with a one-second timeout.
 */
class OperatorPresenceNodeTests {

  @Test
  void shouldSetASilentOperatorOfflineAndHandTheirDialogToOneWhoKeepsSendingHeartbeats() {
    try (InProcessNode node = InProcessNode.start("presenceNode", List.of("--spring.profiles.active=test-node",
        "--spring.datasource.url=jdbc:h2:mem:presence;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "--server.port=0",
        "--camunda.bpm.process-engine-name=presenceNode", "--operator-connect.operators.heartbeat-timeout=1s",
        "--operator-connect.operators.check-interval=200ms"))) {
      // given redistribution on going offline, anna with a dialog, and bob, free
      HttpApi api = node.api();
      api.put("/api/settings", Map.of("autoConnect", true, "distributionMethod", "FEWEST_DIALOGS_THEN_IDLE",
          "redistributeOnOffline", true)).assertStatus(200);
      api.operator("anna", 1, "ONLINE", "support");
      String id = api.supportChat("client-1").path("id").asText();
      api.operator("bob", 1, "ONLINE", "support");

      // when only bob keeps sending heartbeats for a few seconds
      long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < until) {
        api.post("/api/operators/bob/heartbeat", Map.of()).assertStatus(200);
        sleep(200);
      }

      // then anna is OFFLINE and her dialog went to bob, who is still ONLINE
      assertThat(api.operator("anna").path("status").asText()).isEqualTo("OFFLINE");
      assertThat(api.operator("bob").path("status").asText()).isEqualTo("ONLINE");
      await().atMost(Duration.ofSeconds(5))
          .until(() -> "bob".equals(api.dialog(id).path("operatorId").asText()));
      assertThat(api.operator("anna").path("activeDialogs").asInt()).isZero();
      api.post("/api/operators/nobody/heartbeat", Map.of()).assertProblem(404, "nobody");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
