package io.operatorconnect.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.queue.QueueDispatcher;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/** {@code /api/settings} and {@code /api/panel/folders} over real HTTP. */
@OperatorConnectTest
class PanelApiTests {

  @LocalServerPort
  int port;
  @Autowired
  QueueDispatcher dispatcher;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldShowTheDefaultSettings() {
    // when
    JsonNode settings = api.get("/api/settings").assertStatus(200).body();

    // then
    assertThat(settings.path("autoConnect").asBoolean()).isTrue();
    assertThat(settings.path("distributionMethod").asText()).isEqualTo("FEWEST_DIALOGS_THEN_IDLE");
    assertThat(settings.path("redistributeOnOffline").isBoolean()).isTrue();
    assertThat(settings.path("redistributeOnOffline").asBoolean()).isFalse();
  }

  @Test
  void shouldKeepTheSettingsItWasGiven() {
    // given
    Map<String, Object> changed = Map.of("autoConnect", false, "distributionMethod", "ROUND_ROBIN",
        "redistributeOnOffline", true);

    // when
    JsonNode answer = api.put("/api/settings", changed).assertStatus(200).body();

    // then
    JsonNode read = api.get("/api/settings").assertStatus(200).body();
    assertThat(answer).isEqualTo(read);
    assertThat(read.path("autoConnect").asBoolean()).isFalse();
    assertThat(read.path("distributionMethod").asText()).isEqualTo("ROUND_ROBIN");
    assertThat(read.path("redistributeOnOffline").asBoolean()).isTrue();
  }

  @Test
  void shouldRefuseInvalidSettingsAndKeepTheCurrentOnes() {
    // given
    JsonNode before = api.get("/api/settings").body();

    // when / then
    api.put("/api/settings", Map.of("autoConnect", true, "distributionMethod", "BUSIEST_FIRST",
        "redistributeOnOffline", false)).assertProblem(400, "distributionMethod", "BUSIEST_FIRST", "ROUND_ROBIN");
    api.put("/api/settings", Map.of("autoConnect", false, "distributionMethod", "RANDOM"))
        .assertProblem(400, "redistributeOnOffline");
    api.put("/api/settings", Map.of("autoConnect", false, "distributionMethod", "RANDOM",
        "redistributeOnOffline", false, "autoConect", true)).assertProblem(400, "autoConect");
    api.put("/api/settings", Map.of("autoConnect", "sometimes", "distributionMethod", "RANDOM",
        "redistributeOnOffline", false)).assertProblem(400, "autoConnect");
    api.send(HttpMethod.PUT, "/api/settings", "").assertProblem(400, "body");
    assertThat(api.get("/api/settings").body()).isEqualTo(before);
  }

  @Test
  void shouldServeTheQueueWhenAutoConnectIsTurnedOn() {
    // given a dialog waits in the queue, auto-connect is turned off, and then anna gets room for it
    api.operator("anna", 1, "ONLINE", "support");
    api.supportChat("client-1");
    String waiting = api.supportChat("client-2").path("id").asText();
    api.settings(false);
    api.patch("/api/operators/anna", Map.of("maxDialogs", 2)).assertStatus(200);
    assertThat(dispatcher.drain()).isZero();
    assertThat(api.dialog(waiting).path("state").asText()).isEqualTo("QUEUED");

    // when
    api.settings(true);

    // then
    assertThat(api.awaitState(waiting, "TAKEN_OVER").path("operatorId").asText()).isEqualTo("anna");
    assertThat(api.get("/api/queue").body()).isEmpty();
  }

  @Test
  void shouldShowTheOperatorsFoldersWithInQueueWhileAutoConnectIsOn() {
    // given anna has a dialog and another waits in the queue
    api.operator("anna", 1, "ONLINE", "support");
    String mine = api.supportChat("client-1").path("id").asText();
    String queued = api.supportChat("client-2").path("id").asText();

    // when
    JsonNode folders = api.get("/api/panel/folders?operatorId=anna").assertStatus(200).body();

    // then
    assertThat(folders.path("operatorId").asText()).isEqualTo("anna");
    assertThat(folders.path("autoConnect").asBoolean()).isTrue();
    assertThat(folders.path("myDialogs")).extracting(dialog -> dialog.path("id").asText()).containsExactly(mine);
    assertThat(folders.path("myDialogs").get(0).path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(folders.path("requested")).isEmpty();
    assertThat(folders.path("inQueue")).extracting(entry -> entry.path("dialogId").asText()).containsExactly(queued);
    assertThat(folders.path("inQueue").get(0).path("position").asInt()).isEqualTo(1);
  }

  @Test
  void shouldHideInQueueAndListWaitingDialogsAsRequestedWhileAutoConnectIsOff() {
    // given one dialog waits in the queue, then auto-connect is turned off and a new dialog is requested
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("sam", 1, "ONLINE", "sales");
    api.supportChat("client-1");
    String queued = api.supportChat("client-2").path("id").asText();
    api.settings(false);
    String requested = api.supportChat("client-3").path("id").asText();

    // when
    JsonNode anna = api.get("/api/panel/folders?operatorId=anna").assertStatus(200).body();
    JsonNode sam = api.get("/api/panel/folders?operatorId=sam").assertStatus(200).body();

    // then
    assertThat(anna.path("autoConnect").asBoolean()).isFalse();
    assertThat(anna.path("inQueue").isMissingNode() || anna.path("inQueue").isNull())
        .as("inQueue of %s", anna).isTrue();
    assertThat(anna.path("requested")).extracting(dialog -> dialog.path("id").asText())
        .containsExactlyInAnyOrder(queued, requested);
    assertThat(sam.path("requested")).as("dialogs of a subject sam does not belong to").isEmpty();
    assertThat(sam.path("myDialogs")).isEmpty();
  }

  @Test
  void shouldRefuseFoldersOfAnUnknownOrMissingOperator() {
    // when / then
    api.get("/api/panel/folders?operatorId=nobody").assertProblem(404, "nobody");
    api.get("/api/panel/folders").assertProblem(400, "operatorId");
  }
}
