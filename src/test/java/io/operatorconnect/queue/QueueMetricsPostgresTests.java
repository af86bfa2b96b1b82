package io.operatorconnect.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.PostgresTest;
import io.operatorconnect.testsupport.PrometheusScrape;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The gauges' aggregate queries on PostgreSQL, where a cluster reads them: the same figures as on H2. */
@PostgresTest
class QueueMetricsPostgresTests {

  @LocalServerPort
  int port;

  @Test
  void shouldShowTheQueueAndTheOperatorLoadFromPostgres() {
    // given anna can hold one dialog, bob is away
    HttpApi api = new HttpApi(port);
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 2, "AWAY", "sales");

    // when the second of two clients waits
    api.supportChat("client-1");
    String queued = api.supportChat("client-2").path("id").asText();
    api.awaitState(queued, "QUEUED");

    // then
    PrometheusScrape scrape = await().atMost(Duration.ofSeconds(5)).until(() -> PrometheusScrape.of(api),
        next -> next.has("operatorconnect_queue_dialogs", "subject", "sales"));
    assertThat(scrape.value("operatorconnect_queue_dialogs", "subject", "support")).isEqualTo(1);
    assertThat(scrape.value("operatorconnect_queue_dialogs", "subject", "sales")).isZero();
    assertThat(scrape.value("operatorconnect_queue_oldest_wait_seconds", "subject", "support")).isPositive();
    assertThat(scrape.value("operatorconnect_operators", "status", "AWAY")).isEqualTo(1);
    assertThat(scrape.value("operatorconnect_operators_dialogs", "status", "ONLINE")).isEqualTo(1);
    assertThat(scrape.value("operatorconnect_operators_capacity", "status", "AWAY")).isEqualTo(2);
    assertThat(scrape.value("operatorconnect_operators_utilization_ratio")).isEqualTo(1.0);
  }
}
