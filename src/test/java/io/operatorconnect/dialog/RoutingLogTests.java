package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The routing log: every line about a dialog carries the dialog's id from the logging context (MDC
 * {@code dialog_id}, shown as {@code [dialog=<id>]} by the console pattern), on every routing path,
 * and every decision has its INFO line.
 */
@OperatorConnectTest
@ExtendWith(OutputCaptureExtension.class)
class RoutingLogTests {

  /** The MDC as the console pattern shows it (logging.pattern.correlation). */
  private static final Pattern CONTEXT = Pattern.compile("\\[dialog=([^\\]]+)] ");
  /** Our routing lines name the dialog they are about at the start of the message. */
  private static final Pattern ABOUT_A_DIALOG = Pattern.compile(" : dialog ([0-9a-f-]{36}):");

  @LocalServerPort
  int port;
  @Autowired
  LoggingSystem logging;

  HttpApi api;

  @BeforeEach
  void infoLogging() {
    api = new HttpApi(port);
    // The test profile logs WARN and above; the routing lines are INFO.
    logging.setLogLevel("io.operatorconnect", LogLevel.INFO);
  }

  @AfterEach
  void quietAgain() {
    logging.setLogLevel("io.operatorconnect", LogLevel.WARN);
  }

  @Test
  void shouldNameTheDialogOnEveryRoutingLineOfEveryPath(CapturedOutput output) {
    // given two support operators with one slot each
    api.operator("anna", 1, "ONLINE", "support");
    api.operator("bob", 1, "ONLINE", "support");

    // when dialogs take every path: the connect action at once and into the queue ...
    String first = api.supportChat("client-1").path("id").asText();
    String second = api.supportChat("client-2").path("id").asText();
    String queued = api.supportChat("client-3").path("id").asText();
    api.awaitState(queued, "QUEUED");
    // ... the queue dispatcher serving one when a slot frees ...
    api.post("/api/dialogs/" + first + "/close", null).assertStatus(200);
    api.awaitState(queued, "TAKEN_OVER");
    // ... a transfer to carl, and a redistribution of carl's dialogs (back to the one free, bob) ...
    api.operator("carl", 1, "ONLINE", "support");
    api.post("/api/dialogs/" + second + "/transfer", Map.of("operatorId", "carl")).assertStatus(200);
    api.post("/api/operators/carl/redistribute", null).assertStatus(200);
    // ... a manual accept of a dialog that waits for someone to take it ...
    api.settings(false);
    String requested = api.supportChat("client-5").path("id").asText();
    api.post("/api/dialogs/" + requested + "/accept", Map.of("operatorId", "carl")).assertStatus(200);
    // ... and the set-chat-operator-state action taking a chat over
    api.operator("dora", 1, "ONLINE", "support");
    String takenOver = api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "client-4",
        "scenario", "takeover_chat")).assertStatus(201).text("id");
    api.post("/api/dialogs/" + takenOver + "/messages", Map.of("from", "client", "text", "An operator, please"))
        .assertStatus(201);
    api.awaitState(takenOver, "TAKEN_OVER");

    // then every path decided, and logged its decision
    List<String> decisions = await().atMost(Duration.ofSeconds(5)).until(() -> lines(output, "routing decision"),
        lines -> lines.stream().filter(line -> line.contains(" via QUEUE")).count() >= 2);
    for (String via : List.of("CONNECT_ACTION", "QUEUE", "TRANSFER", "REDISTRIBUTION", "ACCEPT", "TAKEOVER")) {
      assertThat(decisions).as("decision lines via %s", via).anyMatch(line -> line.contains(" via " + via + ","));
    }
    // and every line about a dialog carries that dialog's id in the logging context
    List<String> aboutADialog = lines(output, " : dialog ");
    assertThat(aboutADialog).hasSizeGreaterThan(20);
    assertThat(aboutADialog).allSatisfy(line -> {
      Matcher context = CONTEXT.matcher(line);
      Matcher about = ABOUT_A_DIALOG.matcher(line);
      assertThat(context.find()).as("logging context of: %s", line).isTrue();
      assertThat(about.find()).as("dialog named by: %s", line).isTrue();
      assertThat(context.group(1)).as("logging context of: %s", line).isEqualTo(about.group(1));
    });
    assertThat(aboutADialog).extracting(RoutingLogTests::dialogOf)
        .contains(first, second, queued, requested, takenOver);
  }

  @Test
  void shouldLeaveLinesAboutNoDialogWithoutAContext(CapturedOutput output) {
    // when an operator is created: nothing to do with a dialog
    api.operator("anna", 1, "OFFLINE", "support");

    // then
    assertThat(lines(output, "operator anna created")).singleElement()
        .satisfies(line -> assertThat(line).doesNotContain("[dialog="));
  }

  private static List<String> lines(CapturedOutput output, String containing) {
    return output.getOut().lines().filter(line -> line.contains(containing)).toList();
  }

  private static String dialogOf(String line) {
    Matcher about = ABOUT_A_DIALOG.matcher(line);
    return about.find() ? about.group(1) : null;
  }
}
