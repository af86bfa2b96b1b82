package io.operatorconnect.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.KnownDialogs;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code GET /api/stats} against a known set of dialogs with known times, written to the database as the nodes
 * would have left them (so the figures are the database's, whatever node served each dialog).
 */
@OperatorConnectTest
class StatsApiTests {

  static final String SECRET = "a-long-password-for-the-stats";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  HttpApi api;

  @BeforeEach
  void knownDialogs() {
    api = new HttpApi(port);
    KnownDialogs known = new KnownDialogs(jdbc, "2026-11-02");
    api.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"), "maxDialogs", 3,
        "password", SECRET)).assertStatus(201);
    api.operator("bob", 3, "OFFLINE", "support", "sales");
    // connected at once; answered after 30 s; closed after 5 min
    known.dialog("d1", "support", "anna", "CLOSED", null, "10:00:00", null, "10:00:00", "10:05:00", "10:00:30");
    // waited 2 min; answered 10 s after the assignment (130 s after it started waiting); closed after 8 min
    known.dialog("d2", "support", "anna", "CLOSED", null, "10:09:00", "10:10:00", "10:12:00", "10:20:00", "10:12:10");
    // waited 20 s; answered 30 s after the assignment; closed after 10 min 30 s
    known.dialog("d3", "support", "bob", "CLOSED", null, "11:00:00", "11:00:00", "11:00:20", "11:10:50", "11:00:50");
    // left after 3 minutes in the queue
    known.dialog("d4", "support", null, "CLOSED", "ABANDONED", "12:00:00", "12:00:00", null, "12:03:00", null);
    // connected at once, still open, nothing written yet
    known.dialog("d5", "sales", "bob", "TAKEN_OVER", null, "13:00:00", null, "13:00:00", null, null);
    // never asked for an operator
    known.dialog("d7", null, null, "BOT", null, "14:00:00", null, null, null, null);
    // the next day: outside the period
    jdbc.sql("INSERT INTO oc_dialog (id, channel, client_id, state, subject, created_at) VALUES"
        + " ('d6', 'telegram', 'client-d6', 'BOT', 'support', ?)").param(KnownDialogs.at("2026-11-03", "09:00:00")).update();
  }

  @Test
  void shouldGiveTheFiguresOfTheDialogsCreatedInThePeriodInAllPerSubjectAndPerOperator() {
    // when
    JsonNode stats = api.get("/api/stats?from=2026-11-02&to=2026-11-02").assertStatus(200).body();

    // then
    assertThat(stats.path("from").asText()).isEqualTo("2026-11-02T00:00:00Z");
    assertThat(stats.path("to").asText()).isEqualTo("2026-11-03T00:00:00Z");
    assertThat(stats.path("answerTargetSeconds").asLong()).isEqualTo(60);
    JsonNode total = stats.path("total");
    figures(total, 6, 3, 1);
    percentiles(total, "timeToAssignmentSeconds", 0.0, 120.0); // 0, 0, 20, 120
    percentiles(total, "firstResponseSeconds", 30.0, 30.0); // 10, 30, 30
    percentiles(total, "handlingSeconds", 480.0, 630.0); // 300, 480, 630
    assertThat(total.path("answeredWithinTarget").asDouble()).isEqualTo(0.4); // d1 and d3 of d1, d2, d3, d4, d5

    JsonNode bySubject = stats.path("bySubject");
    assertThat(bySubject).extracting(node -> node.path("subject").asText()).containsExactly("sales", "support");
    figures(bySubject.get(0), 1, 0, 0);
    assertThat(bySubject.get(0).path("firstResponseSeconds").path("p50").isNull()).isTrue();
    assertThat(bySubject.get(0).path("answeredWithinTarget").asDouble()).isEqualTo(0.0);
    figures(bySubject.get(1), 4, 3, 1);
    percentiles(bySubject.get(1), "timeToAssignmentSeconds", 20.0, 120.0);
    assertThat(bySubject.get(1).path("answeredWithinTarget").asDouble()).isEqualTo(0.5);

    JsonNode byOperator = stats.path("byOperator");
    assertThat(byOperator).extracting(node -> node.path("operatorId").asText()).containsExactly("anna", "bob");
    figures(byOperator.get(0), 2, 2, 0);
    percentiles(byOperator.get(0), "firstResponseSeconds", 10.0, 30.0);
    percentiles(byOperator.get(0), "handlingSeconds", 300.0, 480.0);
    assertThat(byOperator.get(0).path("answeredWithinTarget").asDouble()).isEqualTo(0.5);
    figures(byOperator.get(1), 2, 1, 0);
    percentiles(byOperator.get(1), "timeToAssignmentSeconds", 0.0, 20.0);
  }

  @Test
  void shouldNarrowTheFiguresToASubjectOrAnOperator() {
    // when / then
    figures(api.get("/api/stats?from=2026-11-02&to=2026-11-02&subject=support").assertStatus(200).body()
        .path("total"), 4, 3, 1);
    JsonNode bob = api.get("/api/stats?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z&operatorId=bob")
        .assertStatus(200).body();
    figures(bob.path("total"), 2, 1, 0);
    assertThat(bob.path("byOperator")).hasSize(1);
    figures(api.get("/api/stats?from=2026-11-03&to=2026-11-03").assertStatus(200).body().path("total"), 1, 0, 0);
  }

  @Test
  void shouldGiveTheSameFiguresAsCsvToDownload() {
    // when
    HttpApi.TextResponse csv = api.getText("/api/stats.csv?from=2026-11-02&to=2026-11-02");

    // then
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType().toString()).startsWith("text/csv");
    assertThat(csv.body().split("\r\n")).containsExactly(
        "scope,name,dialogs,handled,abandoned,time_to_assignment_p50_s,time_to_assignment_p90_s,"
            + "first_response_p50_s,first_response_p90_s,handling_p50_s,handling_p90_s,answered_within_60s",
        "total,\"\",6,3,1,0.0,120.0,30.0,30.0,480.0,630.0,0.4",
        "subject,\"sales\",1,0,0,0.0,0.0,,,,,0.0",
        "subject,\"support\",4,3,1,20.0,120.0,30.0,30.0,480.0,630.0,0.5",
        "operator,\"anna\",2,2,0,0.0,120.0,10.0,30.0,300.0,480.0,0.5",
        "operator,\"bob\",2,1,0,0.0,20.0,30.0,30.0,630.0,630.0,0.5");
  }

  @Test
  void shouldRefuseBadPeriodsAndAnyoneButAnAdministrator() {
    // when / then
    api.get("/api/stats?from=last+week").assertProblem(400, "from", "ISO-8601");
    api.get("/api/stats?from=2026-11-03&to=2026-11-01").assertProblem(400, "from", "to");
    api.as("anna", SECRET).get("/api/stats").assertProblem(403, "anna");
    api.as("anna", SECRET).get("/api/stats.csv").assertProblem(403, "anna");
    api.anonymous().get("/api/stats").assertProblem(401);
  }

  private static void figures(JsonNode figures, int dialogs, int handled, int abandoned) {
    assertThat(figures.path("dialogs").asInt()).as("dialogs of %s", figures).isEqualTo(dialogs);
    assertThat(figures.path("handled").asInt()).as("handled of %s", figures).isEqualTo(handled);
    assertThat(figures.path("abandoned").asInt()).as("abandoned of %s", figures).isEqualTo(abandoned);
  }

  private static void percentiles(JsonNode figures, String name, double p50, double p90) {
    assertThat(figures.path(name).path("p50").asDouble()).as("%s p50 of %s", name, figures).isEqualTo(p50);
    assertThat(figures.path(name).path("p90").asDouble()).as("%s p90 of %s", name, figures).isEqualTo(p90);
  }
}
