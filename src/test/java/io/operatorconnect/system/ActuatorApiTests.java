package io.operatorconnect.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.PrometheusScrape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The actuator endpoints over real HTTP: health with the database and the engine, the probe groups,
 * info and the Prometheus scrape. Everything goes through {@link HttpApi}, the one place where
 * credentials will be added once the endpoints are secured.
 */
@OperatorConnectTest
class ActuatorApiTests {

  @LocalServerPort
  int port;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldReportHealthUpWithTheDatabaseAndTheEngine() {
    // when
    JsonNode health = api.get("/actuator/health").assertStatus(200).body();

    // then
    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode components = health.path("components");
    assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("db").path("details").path("database").asText()).isEqualTo("H2");
    assertThat(components.path("processEngine").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("processEngine").path("details").path("name").asText()).isEqualTo("default");
  }

  @Test
  void shouldReportReadinessFromTheDatabaseAndTheEngineAndLivenessAlone() {
    // when
    JsonNode readiness = api.get("/actuator/health/readiness").assertStatus(200).body();
    JsonNode liveness = api.get("/actuator/health/liveness").assertStatus(200).body();

    // then
    assertThat(readiness.path("status").asText()).isEqualTo("UP");
    assertThat(readiness.path("components").properties()).extracting(entry -> entry.getKey())
        .containsExactlyInAnyOrder("readinessState", "db", "processEngine");
    assertThat(liveness.path("status").asText()).isEqualTo("UP");
    assertThat(liveness.path("components").has("db")).as("liveness %s", liveness).isFalse();
  }

  @Test
  void shouldTellTheBuildInInfo() {
    // when
    JsonNode info = api.get("/actuator/info").assertStatus(200).body();

    // then
    assertThat(info.path("build").path("artifact").asText()).isEqualTo("operator-connect");
    assertThat(info.path("java").path("version").asText()).isNotBlank();
  }

  @Test
  void shouldServeThePrometheusScrapeWithOurGaugesAndTheApplicationTag() {
    // when
    PrometheusScrape scrape = PrometheusScrape.of(api);

    // then
    assertThat(scrape.has("operatorconnect_operators", "status", "ONLINE", "application", "operator-connect"))
        .as(scrape.text()).isTrue();
    assertThat(scrape.has("operatorconnect_queue_dialogs", "subject", "none")).isTrue();
    assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
  }

  @Test
  void shouldShowHealthDetailsToAdministratorsOnly() {
    // given
    api.post("/api/operators", java.util.Map.of("id", "olga", "name", "Olga", "maxDialogs", 1,
        "password", "a-long-password-7")).assertStatus(201);

    // when
    JsonNode operator = api.as("olga", "a-long-password-7").get("/actuator/health").assertStatus(200).body();
    JsonNode anonymous = api.anonymous().get("/actuator/health").assertStatus(200).body();

    // then: the status, and nothing of the database, the disk or the engine
    assertThat(operator.path("status").asText()).isEqualTo("UP");
    assertThat(operator.has("components")).as("operator sees %s", operator).isFalse();
    assertThat(anonymous.has("components")).as("anonymous sees %s", anonymous).isFalse();
    assertThat(api.get("/actuator/health").body().path("components").has("db")).isTrue();
  }
}
