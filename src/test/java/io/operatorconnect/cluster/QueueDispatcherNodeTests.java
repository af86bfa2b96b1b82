package io.operatorconnect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.cluster.InProcessNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queue dispatcher on a node of its own (H2 in memory), with settings the shared test context
 * does not have: a sweep every second, and a page of two queued dialogs.
 */
class QueueDispatcherNodeTests {

  @Test
  void shouldServeADialogLeftWaitingWithAFreeOperatorWithoutAnyEvent() {
    try (InProcessNode node = node("sweepNode")) {
      // given a dialog waiting in the queue because anna is full
      HttpApi api = node.api();
      operator(api, "anna", 0, Map.of());
      String waiting = start(api, "telegram", "client-1");
      api.awaitState(waiting, "QUEUED");

      // when a slot frees in a way that publishes nothing (as if the node that freed it died before dispatching)
      JdbcClient jdbc = node.bean(JdbcClient.class);
      assertThat(jdbc.sql("UPDATE oc_operator SET max_dialogs = 1 WHERE id = 'anna'").update()).isEqualTo(1);

      // then the sweep, which every node runs, serves the dialog within its interval
      assertThat(awaitServed(api, waiting).path("operatorId").asText()).isEqualTo("anna");
    }
  }

  @Test
  void shouldServeADialogBeyondTheFirstPageWhenNoOperatorCanTakeTheDialogsAheadOfIt() {
    try (InProcessNode node = node("pagingNode")) {
      // given anna takes no telegram dialogs and is busy with a webchat dialog
      HttpApi api = node.api();
      operator(api, "anna", 1, Map.of("telegram", 0));
      String busy = start(api, "webchat", "client-0");
      api.awaitState(busy, "TAKEN_OVER");
      // and three telegram dialogs nobody can take wait ahead of a webchat dialog: two pages of two
      for (int i = 1; i <= 3; i++) {
        api.awaitState(start(api, "telegram", "client-" + i), "QUEUED");
      }
      String webchat = start(api, "webchat", "client-4");
      api.awaitState(webchat, "QUEUED");
      assertThat(api.dialog(webchat).path("queuePosition").asInt()).isEqualTo(4);

      // when anna closes her dialog
      api.post("/api/dialogs/" + busy + "/close", Map.of()).assertStatus(200);

      // then the webchat dialog on the second page reaches her; the telegram ones keep waiting, in order
      assertThat(awaitServed(api, webchat).path("operatorId").asText()).isEqualTo("anna");
      List<String> queue = api.get("/api/queue").body().findValuesAsText("clientId");
      assertThat(queue).containsExactly("client-1", "client-2", "client-3");
    }
  }

  private static InProcessNode node(String name) {
    return InProcessNode.start(name, List.of("--spring.profiles.active=test-node",
        "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "--server.port=0",
        "--camunda.bpm.process-engine-name=" + name, "--operator-connect.queue.sweep-interval=1s",
        "--operator-connect.queue.page-size=2"));
  }

  private static void operator(HttpApi api, String id, int maxDialogs, Map<String, Integer> channelLimits) {
    api.post("/api/operators", Map.of("id", id, "name", id, "groups", List.of("support"), "maxDialogs", maxDialogs,
        "channelLimits", channelLimits, "status", "ONLINE")).assertStatus(201);
  }

  private static String start(HttpApi api, String channel, String clientId) {
    return api.post("/api/dialogs", Map.of("channel", channel, "clientId", clientId, "scenario", "support_chat"))
        .assertStatus(201).text("id");
  }

  private static JsonNode awaitServed(HttpApi api, String dialogId) {
    return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> api.dialog(dialogId), dialog -> "TAKEN_OVER".equals(dialog.path("state").asText()));
  }
}
