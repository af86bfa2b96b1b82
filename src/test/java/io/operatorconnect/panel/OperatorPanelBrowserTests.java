package io.operatorconnect.panel;

import static io.operatorconnect.testsupport.Browser.dialogIn;
import static io.operatorconnect.testsupport.Browser.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.security.Role;
import io.operatorconnect.testsupport.Browser;
import io.operatorconnect.testsupport.BrowserTest;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.TestUsers;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operator panel in a real (headless) Chromium: people sign in on the login page, and what the
 * API and other people change shows up on their open page without a reload. Where a test must tell a
 * pushed update from the page's fallback refresh (every 10 s), it waits less than that.
 */
@BrowserTest
class OperatorPanelBrowserTests {

  static final String SECRET = "a-long-password-for-the-panel";
  /** Shorter than the page's fallback refresh: what shows up within it came by the event stream. */
  static final Duration PUSHED = Duration.ofSeconds(5);

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldShowANewDialogLiveAndLetTheOperatorAnswerAndCloseIt() {
    // given anna, an operator of the support subject, and the integration that starts dialogs
    operator("anna", 2, "support");
    TestUsers.user(identity, "panelbot", SECRET, Role.INTEGRATION);
    HttpApi bot = api.as("panelbot", SECRET);

    try (Browser browser = Browser.open(port)) {
      // anna signs in and goes online; she sees her work, not the administration
      browser.signIn("anna", SECRET);
      assertThat(browser.visible("folder-mine").isDisplayed()).isTrue();
      assertThat(browser.driver().findElement(testId("admin-section")).isDisplayed()).isFalse();
      new Select(browser.visible("status-select")).selectByValue("ONLINE");
      await().atMost(Duration.ofSeconds(10)).until(() -> api.operator("anna").path("status").asText(),
          "ONLINE"::equals);
      browser.script("window.notReloaded = true");

      // when a client's dialog starts
      String dialog = bot.supportChat("client-1").path("id").asText();

      // then it appears in My dialogs, pushed, without a reload
      WebElement entry = browser.await(PUSHED,
          ExpectedConditions.visibilityOfElementLocated(dialogIn("folder-mine", dialog)));
      assertThat(browser.script("return window.notReloaded")).isEqualTo(true);
      assertThat(entry.getText()).contains("client-1");

      // the client writes before anna has opened it: the entry counts it, shows it, and so does the page's title
      bot.post("/api/dialogs/" + dialog + "/messages", Map.of("from", "client", "text", "Is anybody there?"))
          .assertStatus(201);
      By unread = new ByChained(dialogIn("folder-mine", dialog), testId("unread-count"));
      browser.await(PUSHED, ExpectedConditions.textToBePresentInElementLocated(unread, "1"));
      assertThat(entry.getText()).contains("Is anybody there?");
      browser.await(ExpectedConditions.titleContains("(1) "));

      // anna opens it and sees the transcript; what she sees is read
      entry.click();
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("transcript"),
          "Operator Anna has joined the chat."));
      browser.await(ExpectedConditions.invisibilityOfElementLocated(unread));
      browser.await(ExpectedConditions.not(ExpectedConditions.titleContains("(1) ")));

      // she answers
      browser.visible("answer-input").sendKeys("Hello, how can I help?");
      browser.visible("send-button").click();
      await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/dialogs/" + dialog + "/messages").body(),
          messages -> hasLine(messages, "OPERATOR", "Hello, how can I help?"));
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("transcript"), "Hello, how can I help?"));

      // the client's answer shows up in the open dialog by itself
      bot.post("/api/dialogs/" + dialog + "/messages", Map.of("from", "client", "text", "My order is late"))
          .assertStatus(201);
      browser.await(PUSHED,
          ExpectedConditions.textToBePresentInElementLocated(testId("transcript"), "My order is late"));

      // she closes it: asked first, cancelled once, then closed as resolved with a note
      browser.visible("close-button").click();
      browser.visible("close-cancel").click();
      assertThat(api.dialog(dialog).path("state").asText()).isEqualTo("TAKEN_OVER");
      browser.visible("close-button").click();
      new Select(browser.visible("close-outcome")).selectByValue("resolved");
      browser.visible("close-note").sendKeys("Order found, arrives tomorrow");
      browser.visible("close-confirm-button").click();
      api.awaitState(dialog, "CLOSED");
      assertThat(api.dialog(dialog).path("closeOutcome").asText()).isEqualTo("resolved");
      assertThat(api.dialog(dialog).path("closeNote").asText()).isEqualTo("Order found, arrives tomorrow");
      browser.await(ExpectedConditions.invisibilityOfElementLocated(dialogIn("folder-mine", dialog)));
      assertThat(browser.driver().findElements(dialogIn("folder-mine", dialog))).isEmpty();
    }
  }

  @Test
  void shouldNotifyTheOperatorOfANewDialogAndAClientsLineWhileThePageIsOutOfViewUnlessTurnedOff() {
    // given anna's panel, out of view (another tab in front), with the notifications allowed in this browser
    operator("anna", 2, "support");
    TestUsers.user(identity, "panelbot", SECRET, Role.INTEGRATION);
    HttpApi bot = api.as("panelbot", SECRET);
    try (Browser browser = Browser.open(port)) {
      browser.signIn("anna", SECRET);
      new Select(browser.visible("status-select")).selectByValue("ONLINE");
      await().atMost(Duration.ofSeconds(10)).until(() -> api.operator("anna").path("status").asText(),
          "ONLINE"::equals);
      assertThat(browser.script("return Notification.permission")).isEqualTo("granted");
      assertThat(browser.visible("notify-toggle").isSelected()).isTrue();
      assertThat(browser.visible("sound-toggle").isSelected()).isTrue();
      browser.script("""
          window.shown = [];
          const Shown = window.Notification;
          window.Notification = class extends Shown {
            constructor(title, options) { super(title, options); window.shown.push(title + ' | ' + options.body); }
          };
          Object.defineProperty(window.Notification, 'permission', {get: () => Shown.permission});
          Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'hidden'});
          """);

      // when a dialog comes to her, and its client writes
      String dialog = bot.supportChat("client-7").path("id").asText();
      await().atMost(PUSHED).until(() -> shown(browser), shown -> shown.contains("New dialog: client-7"));
      bot.post("/api/dialogs/" + dialog + "/messages", Map.of("from", "client", "text", "Where is my parcel?"))
          .assertStatus(201);

      // then
      await().atMost(PUSHED).until(() -> shown(browser), shown -> shown.contains("client-7 wrote | Where is my parcel?"));

      // when she turns the notifications off
      browser.visible("notify-toggle").click();
      bot.post("/api/dialogs/" + dialog + "/messages", Map.of("from", "client", "text", "Hello??"))
          .assertStatus(201);

      // then the line arrives, but no notification
      browser.await(PUSHED, ExpectedConditions.textToBePresentInElementLocated(dialogIn("folder-mine", dialog),
          "Hello??"));
      assertThat(shown(browser)).doesNotContain("Hello??");
      assertThat(browser.script("return localStorage.getItem('operator-connect.panel.notifications')"))
          .isEqualTo("off");
    }
  }

  @Test
  void shouldShowTheClientBesideTheChatWithTheVisibleVariablesAndTheEarlierDialogs() {
    // given: bob handled client 1 before; now anna is with them, in a scenario that shows customer_name
    operator("bob", 1, "support");
    api.put("/api/operators/bob/status", Map.of("status", "ONLINE")).assertStatus(200);
    String earlier = api.supportChat("client-1").path("id").asText();
    api.post("/api/dialogs/" + earlier + "/messages", Map.of("from", "client", "text", "My card was charged twice"))
        .assertStatus(201);
    api.as("bob", SECRET).post("/api/dialogs/" + earlier + "/close", Map.of("outcome", "resolved",
        "note", "refunded")).assertStatus(200);
    api.put("/api/operators/bob/status", Map.of("status", "OFFLINE")).assertStatus(200);
    operator("anna", 1, "support");
    api.put("/api/operators/anna/status", Map.of("status", "ONLINE")).assertStatus(200);
    String now = api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "client-1", "scenario",
        "support_chat", "variables", Map.of("customer_name", "Ada Lovelace", "payment_token", "tok_secret")))
        .assertStatus(201).body().path("id").asText();
    try (Browser browser = Browser.open(port)) {
      browser.signIn("anna", SECRET);

      // when she opens the chat
      browser.await(ExpectedConditions.visibilityOfElementLocated(dialogIn("folder-mine", now))).click();

      // then beside it: the client, what the scenario shows, and the earlier dialog with its transcript
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("client-id"), "client-1"));
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("client-panel"), "Ada Lovelace"));
      assertThat(browser.visible("client-panel").getText()).doesNotContain("tok_secret");
      WebElement past = browser.visible("client-earlier-dialog");
      assertThat(past.getText()).contains("resolved");
      past.findElement(By.tagName("summary")).click();
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("client-history"),
          "My card was charged twice"));
    }
  }

  @Test
  void shouldFindAClosedDialogInHistoryByTextAndShowItsTranscript() {
    // given: anna closed two dialogs, one about a refund
    operator("anna", 2, "support");
    api.put("/api/operators/anna/status", Map.of("status", "ONLINE")).assertStatus(200);
    String refund = api.supportChat("client-1").path("id").asText();
    String other = api.supportChat("client-2").path("id").asText();
    api.post("/api/dialogs/" + refund + "/messages", Map.of("from", "client", "text", "I want a Refund please"))
        .assertStatus(201);
    api.post("/api/dialogs/" + other + "/messages", Map.of("from", "client", "text", "Where is my parcel?"))
        .assertStatus(201);
    api.as("anna", SECRET).post("/api/dialogs/" + refund + "/close", Map.of("outcome", "resolved")).assertStatus(200);
    api.as("anna", SECRET).post("/api/dialogs/" + other + "/close", null).assertStatus(200);
    try (Browser browser = Browser.open(port)) {
      browser.signIn("anna", SECRET);

      // when she searches her history for "refund"
      browser.visible("history-text").sendKeys("refund");
      browser.visible("history-search").click();

      // then only that dialog is found, and opens to its transcript
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("history-results"), "client-1"));
      assertThat(browser.visible("history-results").getText()).doesNotContain("client-2").contains("resolved");
      browser.visible("history-results").findElement(By.tagName("summary")).click();
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("history-results"),
          "I want a Refund please"));
      // the operator field is the administrator's only
      assertThat(browser.driver().findElement(testId("history-operator")).isDisplayed()).isFalse();
    }
  }

  @Test
  void shouldInsertASavedAnswerWithSlash() {
    // given: a saved answer of anna's subject, and a dialog of hers
    operator("anna", 1, "support");
    api.put("/api/operators/anna/status", Map.of("status", "ONLINE")).assertStatus(200);
    api.post("/api/panel/replies", Map.of("subject", "support", "title", "Refund times",
        "text", "A refund reaches your card within 3 working days.")).assertStatus(201);
    String dialog = api.supportChat("client-1").path("id").asText();
    try (Browser browser = Browser.open(port)) {
      browser.signIn("anna", SECRET);
      browser.await(ExpectedConditions.visibilityOfElementLocated(dialogIn("folder-mine", dialog))).click();

      // when she types /refund and Enter
      WebElement answer = browser.visible("answer-input");
      answer.sendKeys("/refund");
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("reply-suggestions"), "Refund times"));
      answer.sendKeys(Keys.ENTER);

      // then the saved text is the answer, ready to send
      browser.await(ExpectedConditions.attributeToBe(answer, "value",
          "A refund reaches your card within 3 working days."));
      browser.visible("send-button").click();
      await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/dialogs/" + dialog + "/messages").body(),
          messages -> hasLine(messages, "OPERATOR", "A refund reaches your card within 3 working days."));
    }
  }

  @Test
  void shouldLetAnAdministratorCreateEditWithChannelLimitsAndSetTheStatusOfAnOperator() {
    try (Browser browser = Browser.open(port)) {
      browser.signIn(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);

      // when the administrator creates carl
      browser.visible("operator-id").sendKeys("carl");
      browser.visible("operator-name").sendKeys("Carl Berg");
      browser.visible("operator-groups").sendKeys("sales, support");
      browser.visible("operator-max").clear();
      browser.visible("operator-max").sendKeys("2");
      browser.visible("operator-password").sendKeys("carls-own-password");
      browser.visible("operator-save").click();

      // then carl exists, with a sign-in, and is listed
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("operators-table"), "Carl Berg"));
      JsonNode carl = api.operator("carl");
      assertThat(carl.path("maxDialogs").asInt()).isEqualTo(2);
      assertThat(carl.path("groups").toString()).isEqualTo("[\"sales\",\"support\"]");
      api.as("carl", "carls-own-password").get("/api/me").assertStatus(200);

      // when she edits his limit and sets him online
      browser.visible("operator-edit").click();
      browser.await(ExpectedConditions.textToBePresentInElementValue(testId("operator-name"), "Carl Berg"));
      browser.visible("operator-max").clear();
      browser.visible("operator-max").sendKeys("4");
      browser.visible("operator-channels").sendKeys("telegram=1");
      browser.visible("operator-save").click();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> api.operator("carl").path("maxDialogs").asInt(), max -> max == 4);
      assertThat(api.operator("carl").path("channelLimits").toString()).isEqualTo("{\"telegram\":1}");
      new Select(browser.visible("operator-status-select")).selectByValue("ONLINE");

      // then
      await().atMost(Duration.ofSeconds(10)).until(() -> api.operator("carl").path("status").asText(),
          "ONLINE"::equals);
      api.as("carl", "carls-own-password").get("/api/me").assertStatus(200);
    }
  }

  @Test
  void shouldTickWaitingTimesWithoutReadingAgainAndDateTimesThatAreNotToday() {
    // given: anna's only slot is taken, so the next dialog waits In Queue
    operator("anna", 1, "support");
    api.supportChat("client-1");
    String waiting = api.supportChat("client-2").path("id").asText();
    api.awaitState(waiting, "QUEUED");
    try (Browser browser = Browser.open(port)) {
      browser.signIn("anna", SECRET);
      By entry = dialogIn("folder-queue", waiting);
      browser.await(ExpectedConditions.textToBePresentInElementLocated(entry, "waiting"));

      // when the page can no longer read anything
      browser.script("window.fetch = () => new Promise(() => {})");
      int before = waitingSeconds(browser.driver().findElement(entry).getText());

      // then the waiting time goes on by itself
      await().atMost(Duration.ofSeconds(10)).until(() -> waitingSeconds(browser.driver().findElement(entry).getText()),
          seconds -> seconds >= before + 2);

      // and a time of another day carries its date, one of today only the time
      Object times = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
          const done = arguments[arguments.length - 1];
          import('/panel/format.js').then((format) => done(
            format.clock('2020-01-02T10:00:00Z') + ' | ' + format.clock(new Date().toISOString())));
          """);
      String[] clocks = String.valueOf(times).split(" \\| ");
      assertThat(clocks[0]).contains("2020");
      assertThat(clocks[1]).doesNotContain(String.valueOf(Year.now().getValue())).matches(".*\\d.*");
    }
  }

  /** The seconds of "waiting 1 min 05 s" or "waiting 7 s". */
  private static int waitingSeconds(String entry) {
    Matcher waited = Pattern.compile("waiting (?:(\\d+) min )?(\\d+) s")
        .matcher(entry);
    assertThat(waited.find()).as("a waiting time in %s", entry).isTrue();
    return (waited.group(1) == null ? 0 : Integer.parseInt(waited.group(1)) * 60) + Integer.parseInt(waited.group(2));
  }

  private static String shown(Browser browser) {
    return String.valueOf(browser.script("return window.shown.join('\\n')"));
  }

  @Test
  void shouldHideInQueueForOperatorsWhenTheAdministratorTurnsAutomaticConnectionOff() {
    // given anna has as many dialogs as she may, and one more waits in the queue
    operator("anna", 1, "support");
    api.put("/api/operators/anna/status", Map.of("status", "ONLINE")).assertStatus(200);
    api.supportChat("client-1");
    String waiting = api.supportChat("client-2").path("id").asText();
    api.awaitState(waiting, "QUEUED");

    try (Browser operator = Browser.open(port); Browser administrator = Browser.open(port)) {
      operator.signIn("anna", SECRET);
      operator.visible("folder-queue");
      operator.await(ExpectedConditions.visibilityOfElementLocated(dialogIn("folder-queue", waiting)));
      assertThat(operator.driver().findElement(dialogIn("folder-queue", waiting)).getText()).contains("#1", "waiting");

      // the administrator (no operator) sees the settings and anna's load
      administrator.signIn(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);
      administrator.visible("admin-section");
      assertThat(administrator.driver().findElement(By.id("operator-view")).isDisplayed()).isFalse();
      administrator.await(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("[data-operator-id='anna'] [data-testid='operator-load']"), "1 / 1"));
      WebElement autoConnect = administrator.visible("auto-connect");
      assertThat(autoConnect.isSelected()).isTrue();

      // when
      autoConnect.click();

      // then the setting is saved, and anna's In Queue folder goes away by itself; the dialog waits under Requested
      administrator.await(ExpectedConditions.textToBe(testId("settings-saved"), "Saved."));
      assertThat(api.get("/api/settings").body().path("autoConnect").asBoolean()).isFalse();
      operator.await(PUSHED, ExpectedConditions.invisibilityOfElementLocated(testId("folder-queue")));
      operator.await(ExpectedConditions.visibilityOfElementLocated(dialogIn("folder-requested", waiting)));

      // and a refusal is shown with the API's reason: anna has no room to accept it
      operator.driver().findElement(dialogIn("folder-requested", waiting)).click();
      operator.visible("accept-button").click();
      WebElement error = operator.visible("error");
      assertThat(error.getText()).contains("anna", waiting);
      assertThat(api.dialog(waiting).path("state").asText()).isEqualTo("QUEUED");
    }
  }

  @Test
  void shouldTransferADialogFromThePanel() {
    // given anna has a dialog, and bob of the same subject is online
    operator("anna", 2, "support");
    operator("bob", 2, "support");
    api.put("/api/operators/anna/status", Map.of("status", "ONLINE")).assertStatus(200);
    String dialog = api.supportChat("client-1").path("id").asText();
    assertThat(api.dialog(dialog).path("operatorId").asText()).isEqualTo("anna");
    api.put("/api/operators/bob/status", Map.of("status", "ONLINE")).assertStatus(200);

    try (Browser browser = Browser.open(port)) {
      browser.signIn("anna", SECRET);
      browser.await(ExpectedConditions.elementToBeClickable(dialogIn("folder-mine", dialog))).click();
      browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#transfer-target option[value='operator:bob']")));

      // when
      new Select(browser.visible("transfer-target")).selectByValue("operator:bob");
      browser.visible("transfer-button").click();

      // then
      await().atMost(Duration.ofSeconds(10)).until(() -> api.dialog(dialog).path("operatorId").asText(), "bob"::equals);
      browser.await(ExpectedConditions.invisibilityOfElementLocated(dialogIn("folder-mine", dialog)));
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("dialog-state"), "no longer yours"));
    }
  }

  @Test
  void shouldSendASignedOutVisitorToTheLoginPageAndBackToThePanel() {
    // given
    operator("anna", 1, "support");

    try (Browser browser = Browser.open(port)) {
      // when a visitor who has not signed in opens the app
      browser.go("/");

      // then the login page, and after it the panel
      browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
      assertThat(browser.path()).startsWith("/login");
      browser.submitLogin("anna", SECRET);
      browser.await(driver -> browser.path().startsWith("/panel/"));
      browser.await(ExpectedConditions.textToBe(testId("who"), "anna"));

      // and signing out leads back to the login page, and the panel asks to sign in again
      browser.visible("sign-out").click();
      browser.await(driver -> browser.path().startsWith("/login"));
      browser.go("/panel/");
      browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
      assertThat(browser.path()).startsWith("/login");
    }
  }

  private void operator(String id, int maxDialogs, String subject) {
    api.post("/api/operators", Map.of("id", id, "name", id.substring(0, 1).toUpperCase() + id.substring(1),
        "groups", List.of(subject), "maxDialogs", maxDialogs, "password", SECRET)).assertStatus(201);
  }

  private static boolean hasLine(JsonNode messages, String from, String text) {
    for (JsonNode message : messages) {
      if (from.equals(message.path("from").asText()) && text.equals(message.path("text").asText())) {
        return true;
      }
    }
    return false;
  }
}
