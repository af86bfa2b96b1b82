package io.operatorconnect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.PostgresAvailable;
import io.operatorconnect.testsupport.cluster.FreshPostgresDatabase;
import io.operatorconnect.testsupport.cluster.InProcessNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the application and starting it again keeps every operator, dialog, queue position,
 * setting, ban and transcript, and the scenarios carry on where they stopped: on the embedded H2 file
 * (the default) and on PostgreSQL.
 */
class RestartDurabilityTests {

  @Test
  void shouldKeepEverythingAcrossARestartOnTheH2File(@TempDir Path folder) {
    String url = "jdbc:h2:file:" + folder.resolve("operator-connect").toAbsolutePath()
        + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    shouldKeepEverythingAcrossARestart(() -> InProcessNode.start("durableH2", List.of(
        "--spring.profiles.active=test-node", "--spring.datasource.url=" + url, "--server.port=0",
        "--camunda.bpm.process-engine-name=durableH2")));
  }

  @Test
  @ExtendWith(PostgresAvailable.class)
  void shouldKeepEverythingAcrossARestartOnPostgresql() {
    try (var database = FreshPostgresDatabase.create("restart")) {
      shouldKeepEverythingAcrossARestart(() -> InProcessNode.start("durablePostgres", database));
    }
  }

  private void shouldKeepEverythingAcrossARestart(Supplier<InProcessNode> startNode) {
    Map<String, JsonNode> before;
    String first;
    String second;
    String third;
    String banned;
    try (InProcessNode node = startNode.get()) {
      // given settings, operators, a ban, a served dialog with a transcript and two queued dialogs
      HttpApi api = node.api();
      api.put("/api/settings", Map.of("autoConnect", true, "distributionMethod", "LONGEST_IDLE",
          "redistributeOnOffline", true)).assertStatus(200);
      api.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"), "maxDialogs", 1,
          "channelLimits", Map.of("telegram", 1), "status", "ONLINE")).assertStatus(201);
      api.post("/api/operators", Map.of("id", "bob", "name", "Bob", "groups", List.of("support", "billing"),
          "maxDialogs", 3, "status", "OFFLINE")).assertStatus(201);
      api.post("/api/clients/troll/ban", Map.of()).assertStatus(201);
      first = api.supportChat("client-1").path("id").asText();
      second = api.supportChat("client-2").path("id").asText();
      third = api.supportChat("client-3").path("id").asText();
      api.post("/api/dialogs/" + first + "/messages", Map.of("from", "client", "text", "hello?")).assertStatus(201);
      api.awaitState(third, "QUEUED");
      before = snapshot(api, first, second, third);
      assertThat(before.get(first).path("state").asText()).isEqualTo("TAKEN_OVER");
      assertThat(before.get(second).path("queuePosition").asInt()).isEqualTo(1);
      assertThat(before.get(third).path("queuePosition").asInt()).isEqualTo(2);
    }

    // when the application is stopped and started again on the same database
    try (InProcessNode node = startNode.get()) {
      HttpApi api = node.api();

      // then everything is as it was
      assertThat(snapshot(api, first, second, third)).isEqualTo(before);
      banned = api.supportChat("troll").path("id").asText();
      assertThat(api.dialog(banned).path("connectResult").asText()).isEqualTo("banned");

      // and the scenarios carry on: closing the first dialog serves the head of the queue
      api.post("/api/dialogs/" + first + "/close", Map.of()).assertStatus(200);
      assertThat(api.awaitState(second, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("anna");
      await().atMost(Duration.ofSeconds(10))
          .until(() -> api.dialog(third).path("queuePosition").asInt() == 1);
      assertThat(api.get("/api/operators/anna").body().path("activeDialogs").asInt()).isEqualTo(1);
    }
  }

  /** What the API shows of the settings, operators, queue, dialogs and the first transcript. */
  private static Map<String, JsonNode> snapshot(HttpApi api, String... dialogIds) {
    Map<String, JsonNode> snapshot = new java.util.LinkedHashMap<>();
    snapshot.put("settings", api.get("/api/settings").assertStatus(200).body());
    snapshot.put("operators", api.get("/api/operators").assertStatus(200).body());
    List<String> queue = new ArrayList<>();
    api.get("/api/queue").assertStatus(200).body()
        .forEach(entry -> queue.add(entry.path("position").asInt() + ":" + entry.path("dialogId").asText()));
    snapshot.put("queue", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(queue));
    for (String id : dialogIds) {
      snapshot.put(id, api.dialog(id));
    }
    snapshot.put("transcript", api.get("/api/dialogs/" + dialogIds[0] + "/messages").assertStatus(200).body());
    return snapshot;
  }
}
