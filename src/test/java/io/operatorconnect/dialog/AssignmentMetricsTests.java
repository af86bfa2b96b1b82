package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.PrometheusScrape;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The routing decisions counter and the time-to-assignment timer, read from {@code /actuator/prometheus}
 * after a scenario. Counters keep counting across tests, so each test compares a scrape after with
 * one before.
 */
@OperatorConnectTest
class AssignmentMetricsTests {

  static final String DECISIONS = "operatorconnect_routing_decisions_total";
  static final String TIME_TO_ASSIGNMENT = "operatorconnect_dialog_time_to_assignment_seconds";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldCountEveryRoutingDecisionByViaMethodAndOutcome() {
    // given anna can take one dialog
    api.operator("anna", 1, "ONLINE", "support");
    PrometheusScrape before = PrometheusScrape.of(api);

    // when the first dialog gets her and the second finds nobody, at once and again from the queue
    api.supportChat("client-1");
    api.supportChat("client-2");

    // then (the queue is served after the commit, on the dispatcher's thread)
    PrometheusScrape after = await().atMost(Duration.ofSeconds(5)).until(() -> PrometheusScrape.of(api),
        scrape -> scrape.increaseSince(before, DECISIONS, "via", "QUEUE", "outcome", "NO_FREE_OPERATOR") == 1);
    assertThat(after.increaseSince(before, DECISIONS, "via", "CONNECT_ACTION", "method", "FEWEST_DIALOGS_THEN_IDLE",
        "outcome", "ASSIGNED")).isEqualTo(1);
    assertThat(after.increaseSince(before, DECISIONS, "via", "CONNECT_ACTION", "method", "NONE",
        "outcome", "NO_FREE_OPERATOR")).isEqualTo(1);
    assertThat(after.increaseSince(before, DECISIONS, "via", "QUEUE", "method", "NONE", "outcome", "NO_FREE_OPERATOR"))
        .isEqualTo(1);
  }

  @Test
  void shouldCountAManualAcceptAsAssignedByHand() {
    // given auto-connect is off, so the dialog waits for someone to take it
    api.settings(false);
    api.operator("anna", 1, "ONLINE", "support");
    String requested = api.supportChat("client-1").path("id").asText();
    PrometheusScrape before = PrometheusScrape.of(api);

    // when
    api.post("/api/dialogs/" + requested + "/accept", Map.of("operatorId", "anna")).assertStatus(200);

    // then
    PrometheusScrape after = PrometheusScrape.of(api);
    assertThat(after.increaseSince(before, DECISIONS, "via", "ACCEPT", "method", "BY_HAND", "outcome", "ASSIGNED"))
        .isEqualTo(1);
    assertThat(after.increaseSince(before, TIME_TO_ASSIGNMENT + "_count", "via", "ACCEPT")).isEqualTo(1);
  }

  @Test
  void shouldCountAnUnknownSubjectAsInvalid() {
    // given a scenario whose connect action names a subject nobody belongs to
    api.operator("anna", 1, "ONLINE", "sales");
    PrometheusScrape before = PrometheusScrape.of(api);

    // when
    api.supportChat("client-1");

    // then
    PrometheusScrape after = PrometheusScrape.of(api);
    assertThat(after.increaseSince(before, DECISIONS, "via", "CONNECT_ACTION", "method", "NONE", "outcome", "INVALID"))
        .isEqualTo(1);
  }

  @Test
  void shouldTimeAssignmentsFromTheStartOfTheWait() {
    // given one dialog connected at once, and one that has waited two minutes in the queue
    api.operator("anna", 1, "ONLINE", "support");
    PrometheusScrape before = PrometheusScrape.of(api);
    String first = api.supportChat("client-1").path("id").asText();
    String queued = api.supportChat("client-2").path("id").asText();
    api.awaitState(queued, "QUEUED");
    jdbc.sql("UPDATE oc_dialog SET queued_at = ? WHERE id = ?")
        .params(Instant.now().minusSeconds(120).atOffset(ZoneOffset.UTC), queued).update();

    // when anna closes the first, the queued one reaches her
    api.post("/api/dialogs/" + first + "/close", null).assertStatus(200);
    api.awaitState(queued, "TAKEN_OVER");

    // then
    PrometheusScrape after = await().atMost(Duration.ofSeconds(5))
        .until(() -> PrometheusScrape.of(api),
            scrape -> scrape.increaseSince(before, TIME_TO_ASSIGNMENT + "_count", "via", "QUEUE") == 1);
    assertThat(after.increaseSince(before, TIME_TO_ASSIGNMENT + "_count", "via", "CONNECT_ACTION")).isEqualTo(1);
    assertThat(after.increaseSince(before, TIME_TO_ASSIGNMENT + "_sum", "via", "CONNECT_ACTION")).isLessThan(1.0);
    assertThat(after.increaseSince(before, TIME_TO_ASSIGNMENT + "_sum", "via", "QUEUE")).isCloseTo(120.0, within(10.0));
    // the buckets for histogram_quantile(): the two minutes count in the 2-minute bucket, not in the 1-minute one
    assertThat(after.increaseSince(before, TIME_TO_ASSIGNMENT + "_bucket", "via", "QUEUE", "le", "60.0")).isZero();
    assertThat(after.increaseSince(before, TIME_TO_ASSIGNMENT + "_bucket", "via", "QUEUE", "le", "120.0")).isZero();
    assertThat(after.increaseSince(before, TIME_TO_ASSIGNMENT + "_bucket", "via", "QUEUE", "le", "300.0")).isEqualTo(1);
    assertThat(after.increaseSince(before, TIME_TO_ASSIGNMENT + "_bucket", "via", "CONNECT_ACTION", "le", "0.1"))
        .isEqualTo(1);
  }

  @Test
  void shouldNotTimeAHandOverBetweenOperators() {
    // given anna has a dialog and bob is free
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 1, "ONLINE", "support");
    String dialog = api.supportChat("client-1").path("id").asText();
    PrometheusScrape before = PrometheusScrape.of(api);
    String holder = api.dialog(dialog).path("operatorId").asText();
    String other = holder.equals("anna") ? "bob" : "anna";

    // when
    api.post("/api/dialogs/" + dialog + "/transfer", Map.of("operatorId", other)).assertStatus(200);

    // then the transfer is a decision, but the dialog never went without an operator
    PrometheusScrape after = PrometheusScrape.of(api);
    assertThat(after.increaseSince(before, DECISIONS, "via", "TRANSFER", "method", "BY_HAND", "outcome", "ASSIGNED"))
        .isEqualTo(1);
    assertThat(after.increaseSince(before, TIME_TO_ASSIGNMENT + "_count", "via", "TRANSFER")).isZero();
  }
}
