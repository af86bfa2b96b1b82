package io.operatorconnect.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The {@code json-logs} profile: the console format it sets writes one JSON object per line with the
 * dialog's id from the logging context and the routing decision's fields. (That every routing line
 * has the id in its context is {@code RoutingLogTests}' part.)
 */
class JsonLogsProfileTests {

  @Test
  void shouldWriteTheDialogIdAndTheDecisionFieldsAsJsonFields() throws IOException {
    // given the console encoder as the json-logs profile configures it
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader().load("json-logs", new ClassPathResource("application-json-logs.yaml"))
        .forEach(environment.getPropertySources()::addFirst);
    LoggerContext context = new LoggerContext();
    context.putObject(Environment.class.getName(), environment);
    StructuredLogEncoder encoder = new StructuredLogEncoder();
    encoder.setContext(context);
    encoder.setFormat(environment.getProperty("logging.structured.format.console"));
    encoder.start();

    // when a routing decision is logged inside a dialog's logging context
    LoggingEvent event = new LoggingEvent("test", context.getLogger("io.operatorconnect.dialog.DecisionLog"),
        Level.INFO, "dialog d-1: routing decision ASSIGNED via QUEUE", null, null);
    event.setMDCPropertyMap(Map.of(DialogMdc.KEY, "d-1"));
    event.addKeyValuePair(new KeyValuePair("outcome", "ASSIGNED"));
    event.addKeyValuePair(new KeyValuePair("operator_id", "anna"));
    byte[] line = encoder.encode(event);

    // then
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    assertThat(json.path("dialog_id").asText()).isEqualTo("d-1");
    assertThat(json.path("outcome").asText()).isEqualTo("ASSIGNED");
    assertThat(json.path("operator_id").asText()).isEqualTo("anna");
    assertThat(json.path("message").asText()).isEqualTo("dialog d-1: routing decision ASSIGNED via QUEUE");
    assertThat(json.path("log").path("level").asText()).isEqualTo("INFO");
  }
}
