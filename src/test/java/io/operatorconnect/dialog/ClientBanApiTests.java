package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST/DELETE /api/clients/{clientId}/ban} over real HTTP, and what a ban does to new dialogs. */
@OperatorConnectTest
class ClientBanApiTests {

  @LocalServerPort
  int port;
  @Autowired
  HistoryService history;
  @Autowired
  JdbcClient jdbc;

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
  void shouldChangeTheReasonAndEndOfABanInForceWhenBannedAgainAndKeepWhoMadeItAndWhen() {
    // given
    JsonNode first = api.post("/api/clients/client-1/ban", Map.of("reason", "spam")).assertStatus(201).body();
    Instant until = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);

    // when
    HttpApi.Response again = api.post("/api/clients/client-1/ban", Map.of("reason", "rude", "until", until.toString()));

    // then
    JsonNode ban = again.assertStatus(200).body();
    assertThat(ban.path("banned").asBoolean()).isTrue();
    assertThat(ban.path("reason").asText()).isEqualTo("rude");
    assertThat(Instant.parse(ban.path("until").asText())).isEqualTo(until);
    assertThat(ban.path("bannedAt")).isEqualTo(first.path("bannedAt"));
    assertThat(ban.path("bannedBy").asText()).isEqualTo(HttpApi.ADMIN);
  }

  @Test
  void shouldListTheBansInForceWithReasonEndAndWhoMadeThem() {
    // given
    Instant until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    api.post("/api/clients/client-1/ban", Map.of("reason", "spam", "until", until.toString())).assertStatus(201);
    api.post("/api/clients/client-2/ban", null).assertStatus(201);

    // when
    JsonNode bans = api.get("/api/bans").assertStatus(200).body();

    // then: the newest first
    assertThat(bans).hasSize(2);
    JsonNode timed = bans.get(1);
    assertThat(timed.path("clientId").asText()).isEqualTo("client-1");
    assertThat(timed.path("reason").asText()).isEqualTo("spam");
    assertThat(Instant.parse(timed.path("until").asText())).isEqualTo(until);
    assertThat(timed.path("bannedBy").asText()).isEqualTo(HttpApi.ADMIN);
    assertThat(Instant.parse(timed.path("bannedAt").asText())).isBefore(Instant.now().plusSeconds(1));
    JsonNode forGood = bans.get(0);
    assertThat(forGood.path("clientId").asText()).isEqualTo("client-2");
    assertThat(forGood.has("until")).isTrue();
    assertThat(forGood.path("until").isNull()).isTrue();
    assertThat(forGood.path("reason").isNull()).isTrue();
  }

  @Test
  void shouldNoLongerBanOnceTheBansEndHasPassed() {
    // given: a ban of an hour, an hour later (its end moved into the past)
    api.operator("anna", 2, "ONLINE", "support");
    api.post("/api/clients/client-1/ban", Map.of("reason", "spam", "until",
        Instant.now().plus(Duration.ofHours(1)).toString())).assertStatus(201);
    assertThat(api.supportChat("client-1").path("connectResult").asText()).isEqualTo("banned");
    jdbc.sql("UPDATE oc_banned_client SET banned_until = ? WHERE client_id = 'client-1'")
        .param(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).update();

    // when
    JsonNode dialog = api.supportChat("client-1");

    // then
    assertThat(dialog.path("connectResult").asText()).isEqualTo("success");
    assertThat(api.get("/api/bans").assertStatus(200).body()).isEmpty();
    api.delete("/api/clients/client-1/ban").assertProblem(404, "not banned");
  }

  @Test
  void shouldRefuseToAcceptABannedClientsDialogByHandAsRoutingDoes() {
    // given: a dialog that waited in the queue before its client was banned
    api.operator("anna", 1, "OFFLINE", "support");
    String queued = api.supportChat("client-1").path("id").asText();
    assertThat(api.dialog(queued).path("state").asText()).isEqualTo("QUEUED");
    api.post("/api/clients/client-1/ban", Map.of("reason", "spam")).assertStatus(201);

    // when
    HttpApi.Response accepted = api.post("/api/dialogs/" + queued + "/accept", Map.of("operatorId", "anna"));

    // then
    accepted.assertProblem(409, "client-1", "is banned");
    assertThat(api.dialog(queued).path("state").asText()).isEqualTo("QUEUED");
    assertThat(api.operator("anna").path("activeDialogs").asInt()).isZero();
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
    api.post("/api/clients/client-1/ban", Map.of("until", "next week")).assertProblem(400, "until");
    api.post("/api/clients/client-1/ban", Map.of("until", Instant.now().minusSeconds(60).toString()))
        .assertProblem(400, "until", "has passed");
    assertThat(api.get("/api/bans").body()).isEmpty();
    api.delete("/api/clients/client-1/ban").assertProblem(404, "client-1");
  }
}
