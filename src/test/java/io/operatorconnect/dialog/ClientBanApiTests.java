package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST/DELETE /api/clients/{clientId}/ban} over real HTTP, and what a ban does to new dialogs. */
@OperatorConnectTest
class ClientBanApiTests {

  @LocalServerPort
  int port;
  @Autowired
  HistoryService history;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldGiveABannedClientsNewDialogTheBannedOutcome() {
    // given
    api.operator("anna", 2, "ONLINE", "support");

    // when
    HttpApi.Response banned = api.post("/api/clients/client-1/ban", Map.of("reason", "spam"));
    JsonNode dialog = api.supportChat("client-1");

    // then
    assertThat(banned.assertStatus(201).body().path("banned").asBoolean()).isTrue();
    assertThat(banned.text("clientId")).isEqualTo("client-1");
    assertThat(dialog.path("connectResult").asText()).isEqualTo("banned");
    assertThat(dialog.path("state").asText()).isEqualTo("CLOSED");
    assertThat(dialog.path("operatorId").isNull()).isTrue();
    assertThat(history.createHistoricProcessInstanceQuery()
        .processInstanceId(dialog.path("processInstanceId").asText()).singleResult().getEndActivityId())
        .isEqualTo("EndEvent_ClientBanned");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isZero();
  }

  @Test
  void shouldLeaveOtherClientsAlone() {
    // given
    api.operator("anna", 2, "ONLINE", "support");
    api.post("/api/clients/client-1/ban", null).assertStatus(201);

    // when
    JsonNode dialog = api.supportChat("client-2");

    // then
    assertThat(dialog.path("connectResult").asText()).isEqualTo("success");
  }

  @Test
  void shouldKeepTheFirstBanWhenBannedAgain() {
    // given
    api.post("/api/clients/client-1/ban", Map.of("reason", "spam")).assertStatus(201);

    // when
    HttpApi.Response again = api.post("/api/clients/client-1/ban", Map.of("reason", "rude"));

    // then
    assertThat(again.assertStatus(200).body().path("banned").asBoolean()).isTrue();
  }

  @Test
  void shouldConnectAnUnbannedClientAgain() {
    // given
    api.operator("anna", 2, "ONLINE", "support");
    api.post("/api/clients/client-1/ban", null).assertStatus(201);
    assertThat(api.supportChat("client-1").path("connectResult").asText()).isEqualTo("banned");

    // when
    HttpApi.Response unbanned = api.delete("/api/clients/client-1/ban");
    JsonNode dialog = api.supportChat("client-1");

    // then
    assertThat(unbanned.assertStatus(200).body().path("banned").asBoolean()).isFalse();
    assertThat(dialog.path("connectResult").asText()).isEqualTo("success");
    assertThat(dialog.path("state").asText()).isEqualTo("TAKEN_OVER");
    assertThat(dialog.path("operatorId").asText()).isEqualTo("anna");
  }

  @Test
  void shouldAnswerNotFoundWhenUnbanningAClientWhoIsNotBanned() {
    // when / then
    api.delete("/api/clients/client-1/ban").assertProblem(404, "client-1", "not banned");
  }

  @Test
  void shouldRefuseAnInvalidBan() {
    // when / then
    api.post("/api/clients/bad client/ban", null).assertProblem(400, "clientId");
    api.post("/api/clients/client-1/ban", Map.of("reason", "x".repeat(1001))).assertProblem(400, "reason");
    api.post("/api/clients/client-1/ban", Map.of("why", "spam")).assertProblem(400, "why");
    api.delete("/api/clients/client-1/ban").assertProblem(404, "client-1");
  }
}
