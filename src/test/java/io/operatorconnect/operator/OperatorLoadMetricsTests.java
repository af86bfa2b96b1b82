package io.operatorconnect.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.PrometheusScrape;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The operator load gauges, read from {@code /actuator/prometheus} after a scenario. */
@OperatorConnectTest
class OperatorLoadMetricsTests {

  static final String OPERATORS = "operatorconnect_operators";
  static final String DIALOGS = "operatorconnect_operators_dialogs";
  static final String CAPACITY = "operatorconnect_operators_capacity";
  static final String UTILIZATION = "operatorconnect_operators_utilization_ratio";

  @LocalServerPort
  int port;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldShowOperatorsDialogsAndCapacityByStatus() {
    // given two ONLINE operators who can hold 2 + 3 dialogs, one AWAY and one OFFLINE
    api.operator("anna", 2, "ONLINE", "support");
    api.operator("bob", 3, "ONLINE", "support");
    api.operator("carl", 4, "AWAY", "support");
    api.operator("dora", 5, "OFFLINE", "support");

    // when three dialogs reach the ONLINE operators
    for (int i = 1; i <= 3; i++) {
      api.supportChat("client-" + i);
    }

    // then
    PrometheusScrape scrape = PrometheusScrape.of(api);
    assertThat(scrape.value(OPERATORS, "status", "ONLINE")).isEqualTo(2);
    assertThat(scrape.value(OPERATORS, "status", "AWAY")).isEqualTo(1);
    assertThat(scrape.value(OPERATORS, "status", "OFFLINE")).isEqualTo(1);
    assertThat(scrape.value(DIALOGS, "status", "ONLINE")).isEqualTo(3);
    assertThat(scrape.value(DIALOGS, "status", "AWAY")).isZero();
    assertThat(scrape.value(CAPACITY, "status", "ONLINE")).isEqualTo(5);
    assertThat(scrape.value(CAPACITY, "status", "AWAY")).isEqualTo(4);
    assertThat(scrape.value(UTILIZATION)).isEqualTo(3.0 / 5);
  }

  @Test
  void shouldShowTheDialogsOfAnOperatorWhoWentOfflineAndNoUtilizationWithNobodyOnline() {
    // given anna has a dialog
    api.operator("anna", 2, "ONLINE", "support");
    api.supportChat("client-1");

    // when she goes offline (redistribution on going offline is off)
    api.put("/api/operators/anna/status", Map.of("status", "OFFLINE")).assertStatus(200);

    // then
    PrometheusScrape scrape = PrometheusScrape.of(api);
    assertThat(scrape.value(DIALOGS, "status", "OFFLINE")).isEqualTo(1);
    assertThat(scrape.value(CAPACITY, "status", "ONLINE")).isZero();
    assertThat(scrape.value(UTILIZATION)).isZero();
  }

  @Test
  void shouldNeverTagASeriesWithAnOperator() {
    // given
    api.operator("anna", 2, "ONLINE", "support");
    api.supportChat("client-1");

    // when
    PrometheusScrape scrape = PrometheusScrape.of(api);

    // then
    assertThat(scrape.text()).doesNotContain("\"anna\"");
  }
}
