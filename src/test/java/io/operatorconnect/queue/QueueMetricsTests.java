package io.operatorconnect.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.PrometheusScrape;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The queue gauges and the waiting-time timer, read from {@code /actuator/prometheus} after a scenario. */
@OperatorConnectTest
class QueueMetricsTests {

  static final String LENGTH = "operatorconnect_queue_dialogs";
  static final String OLDEST_WAIT = "operatorconnect_queue_oldest_wait_seconds";
  static final String WAIT = "operatorconnect_queue_wait_seconds";

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
  void shouldShowTheQueueLengthAndTheOldestWaitBySubject() {
    // given two support operators with one slot each, and a sales operator
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 1, "ONLINE", "support");
    api.operator("carl", 1, "OFFLINE", "sales");

    // when three clients come: two get an operator, the third waits, for 90 seconds by now
    api.supportChat("client-1");
    api.supportChat("client-2");
    String queued = api.supportChat("client-3").path("id").asText();
    api.awaitState(queued, "QUEUED");
    jdbc.sql("UPDATE oc_dialog SET queued_at = ? WHERE id = ?")
        .params(Instant.now().minusSeconds(90).atOffset(ZoneOffset.UTC), queued).update();

    // then (a subject's gauges appear from the scrape after the one that first saw it)
    PrometheusScrape scrape = await().atMost(Duration.ofSeconds(5)).until(() -> PrometheusScrape.of(api),
        next -> next.has(LENGTH, "subject", "sales"));
    assertThat(scrape.value(LENGTH, "subject", "support")).isEqualTo(1);
    assertThat(scrape.value(LENGTH, "subject", "sales")).isZero();
    assertThat(scrape.value(LENGTH, "subject", "none")).isZero();
    assertThat(scrape.value(OLDEST_WAIT, "subject", "support")).isCloseTo(90.0, within(10.0));
    assertThat(scrape.value(OLDEST_WAIT, "subject", "sales")).isZero();
  }

  @Test
  void shouldTimeTheWaitOfADialogServedFromTheQueue() {
    // given anna is busy and a second dialog has waited in the queue for three minutes
    api.operator("anna", 1, "ONLINE", "support");
    String first = api.supportChat("client-1").path("id").asText();
    String queued = api.supportChat("client-2").path("id").asText();
    api.awaitState(queued, "QUEUED");
    jdbc.sql("UPDATE oc_dialog SET queued_at = ? WHERE id = ?")
        .params(Instant.now().minusSeconds(180).atOffset(ZoneOffset.UTC), queued).update();
    PrometheusScrape before = PrometheusScrape.of(api);

    // when anna closes the first dialog, the queue serves her the second
    api.post("/api/dialogs/" + first + "/close", null).assertStatus(200);
    api.awaitState(queued, "TAKEN_OVER");

    // then
    PrometheusScrape after = await().atMost(Duration.ofSeconds(5)).until(() -> PrometheusScrape.of(api),
        scrape -> scrape.increaseSince(before, WAIT + "_count", "subject", "support") == 1);
    assertThat(after.increaseSince(before, WAIT + "_sum", "subject", "support")).isCloseTo(180.0, within(10.0));
    assertThat(after.increaseSince(before, WAIT + "_bucket", "subject", "support", "le", "300.0")).isEqualTo(1);
    assertThat(after.increaseSince(before, WAIT + "_bucket", "subject", "support", "le", "120.0")).isZero();
    assertThat(after.value(LENGTH, "subject", "support")).isZero();
    assertThat(after.value(OLDEST_WAIT, "subject", "support")).isZero();
  }
}
