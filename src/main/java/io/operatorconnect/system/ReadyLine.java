package io.operatorconnect.system;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The last line of the start: where the app answers, and in the demo profile how to sign in, so that a person who
 * started it need not search the log for the port.
 */
@Component
class ReadyLine {

  private static final Logger log = LoggerFactory.getLogger(ReadyLine.class);

  /** When the app takes requests: after the ready event, whose listeners (the engine's job executor) log too. */
  @EventListener
  void ready(AvailabilityChangeEvent<ReadinessState> change) {
    if (change.getState() != ReadinessState.ACCEPTING_TRAFFIC
        || !(change.getSource() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
      return;
    }
    String base = "http://localhost:" + web.getWebServer().getPort()
        + web.getEnvironment().getProperty("server.servlet.context-path", "");
    boolean demo = Arrays.asList(web.getEnvironment().getActiveProfiles()).contains("demo");
    log.info("Operator Connect is up at {}/ : the operator panel {}/panel/, the web chat {}/chat/,"
            + " Camunda {}/camunda/{}",
        base, base, base, base, demo ? "; demo profile: sign in as demo / demo" : "");
  }
}
