package io.operatorconnect.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.server.WebServer;
import org.springframework.mock.env.MockEnvironment;

/** The start's last line: where the app answers, and the demo sign-in in the demo profile only. */
class ReadyLineTests {

  // The logger's own lines, whatever another test's application made of the console.
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ReadyLine.class);
  private Level level;

  @BeforeEach
  void listen() {
    level = logger.getLevel();
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(lines);
    logger.setLevel(level);
  }

  private String logged() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", (all, line) -> all + line + "\n");
  }

  @Test
  void shouldSayWhereTheAppAnswersAndTheDemoSignInOnceItTakesRequests() {
    // given
    WebServerApplicationContext app = app(9090, "demo");

    // when
    new ReadyLine().ready(new AvailabilityChangeEvent<>(app, ReadinessState.ACCEPTING_TRAFFIC));

    // then
    assertThat(logged()).contains("Operator Connect is up at http://localhost:9090/ : the operator panel"
        + " http://localhost:9090/panel/", "sign in as demo / demo");
  }

  @Test
  void shouldNotOfferTheDemoSignInOutsideTheDemoProfileNorSpeakBeforeRequestsAreTaken() {
    // given
    WebServerApplicationContext app = app(8080, "postgres");

    // when
    new ReadyLine().ready(new AvailabilityChangeEvent<>(app, ReadinessState.REFUSING_TRAFFIC));
    String beforeReady = logged();
    new ReadyLine().ready(new AvailabilityChangeEvent<>(app, ReadinessState.ACCEPTING_TRAFFIC));

    // then
    assertThat(beforeReady).doesNotContain("Operator Connect is up");
    assertThat(logged()).contains("Operator Connect is up at http://localhost:8080/").doesNotContain("demo");
  }

  private static WebServerApplicationContext app(int port, String profile) {
    WebServerApplicationContext app = mock(WebServerApplicationContext.class);
    WebServer server = mock(WebServer.class);
    when(server.getPort()).thenReturn(port);
    when(app.getWebServer()).thenReturn(server);
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles(profile);
    when(app.getEnvironment()).thenReturn(environment);
    return app;
  }
}
