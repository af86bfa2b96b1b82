package io.operatorconnect.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.server.WebServer;
import org.springframework.mock.env.MockEnvironment;

/** The start's last line: where the app answers, and the demo sign-in in the demo profile only. */
@ExtendWith(OutputCaptureExtension.class)
class ReadyLineTests {

  @Test
  void shouldSayWhereTheAppAnswersAndTheDemoSignInOnceItTakesRequests(CapturedOutput output) {
    // given
    WebServerApplicationContext app = app(9090, "demo");

    // when
    new ReadyLine().ready(new AvailabilityChangeEvent<>(app, ReadinessState.ACCEPTING_TRAFFIC));

    // then
    assertThat(output.getOut()).contains("Operator Connect is up at http://localhost:9090/ : the operator panel"
        + " http://localhost:9090/panel/", "sign in as demo / demo");
  }

  @Test
  void shouldNotOfferTheDemoSignInOutsideTheDemoProfileNorSpeakBeforeRequestsAreTaken(CapturedOutput output) {
    // given
    WebServerApplicationContext app = app(8080, "postgres");

    // when
    new ReadyLine().ready(new AvailabilityChangeEvent<>(app, ReadinessState.REFUSING_TRAFFIC));
    String beforeReady = output.getOut();
    new ReadyLine().ready(new AvailabilityChangeEvent<>(app, ReadinessState.ACCEPTING_TRAFFIC));

    // then
    assertThat(beforeReady).doesNotContain("Operator Connect is up");
    assertThat(output.getOut()).contains("Operator Connect is up at http://localhost:8080/").doesNotContain("demo");
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
