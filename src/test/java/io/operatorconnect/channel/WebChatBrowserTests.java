package io.operatorconnect.channel;

import static io.operatorconnect.testsupport.Browser.dialogIn;
import static io.operatorconnect.testsupport.Browser.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.operatorconnect.testsupport.Browser;
import io.operatorconnect.testsupport.BrowserTest;
import io.operatorconnect.testsupport.HttpApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The web chat in a real (headless) Chromium: a client chats in {@code /chat/} while an operator answers in the
 * panel, each seeing the other's messages live; a waiting client sees their place in the queue and can leave;
 * the widget opens the same chat in a frame on another site's page.
 */
@BrowserTest
class WebChatBrowserTests {

  static final String SECRET = "a-long-password-for-the-panel";
  /** Shorter than the panel's fallback refresh (10 s): what shows up within it was pushed. */
  static final Duration PUSHED = Duration.ofSeconds(5);

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  HttpApi api;
  HttpServer otherSite;

  @BeforeEach
  void anOperatorAway() {
    api = new HttpApi(port);
    api.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"), "maxDialogs", 2,
        "password", SECRET)).assertStatus(201);
  }

  @AfterEach
  void stopOtherSite() {
    if (otherSite != null) {
      otherSite.stop(0);
    }
  }

  @Test
  void shouldLetAClientAndAnOperatorSeeEachOthersMessagesLive() {
    try (Browser panel = Browser.open(port); Browser chat = Browser.open(port)) {
      // given anna online in the panel
      panel.signIn("anna", SECRET);
      new Select(panel.visible("status-select")).selectByValue("ONLINE");
      await().atMost(Duration.ofSeconds(10)).until(() -> api.operator("anna").path("status").asText(),
          "ONLINE"::equals);

      // when a client starts a chat on the web
      chat.go("/chat/");
      chat.visible("chat-start").click();

      // then the bot greets them, anna joins, and the client is told
      chat.await(ExpectedConditions.textToBePresentInElementLocated(testId("chat-log"),
          "Hello! Let me find an operator for you."));
      chat.await(ExpectedConditions.textToBePresentInElementLocated(testId("chat-log"),
          "Operator Anna has joined the chat."));
      chat.await(ExpectedConditions.textToBePresentInElementLocated(testId("chat-status"), "Anna is with you."));
      String dialog = (String) chat.script("return JSON.parse(sessionStorage.getItem("
          + "'operator-connect-chat:')).dialogId");

      // anna opens it and answers; the client reads it, pushed
      WebElement entry = panel.await(PUSHED, ExpectedConditions.visibilityOfElementLocated(dialogIn("folder-mine",
          dialog)));
      entry.click();
      panel.visible("answer-input").sendKeys("Hello, I am Anna. How can I help?");
      panel.visible("send-button").click();
      WebElement answer = chat.await(PUSHED, ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("[data-testid=chat-line][data-from=operator]")));
      assertThat(answer.getText()).contains("Anna").contains("Hello, I am Anna. How can I help?");

      // the client writes back (Enter sends); anna reads it in her open dialog, pushed
      chat.visible("chat-text").sendKeys("My order is late\n");
      panel.await(PUSHED, ExpectedConditions.textToBePresentInElementLocated(testId("transcript"),
          "My order is late"));
      assertThat(chat.driver().findElements(By.cssSelector("[data-testid=chat-line][data-from=client]")))
          .extracting(WebElement::getText).anySatisfy(text -> assertThat(text).contains("My order is late"));

      // anna closes the dialog; the client is told the chat has ended and may start another
      panel.visible("close-button").click();
      panel.visible("close-confirm-button").click();
      chat.await(PUSHED, ExpectedConditions.textToBePresentInElementLocated(testId("chat-status"),
          "The chat has ended."));
      assertThat(chat.visible("chat-again").isDisplayed()).isTrue();
      assertThat(chat.driver().findElement(testId("chat-form")).isDisplayed()).isFalse();
    }
  }

  @Test
  void shouldShowAWaitingClientTheirPlaceAndCloseTheChatWhenTheyLeave() {
    try (Browser chat = Browser.open(port)) {
      // given nobody online: the chat waits
      chat.go("/chat/?scenario=support_chat");
      chat.visible("chat-start").click();
      chat.await(ExpectedConditions.textToBePresentInElementLocated(testId("chat-status"),
          "you are number 1 in the queue"));
      String dialog = (String) chat.script("return JSON.parse(sessionStorage.getItem("
          + "'operator-connect-chat:support_chat')).dialogId");

      // a reload continues the same chat
      chat.driver().navigate().refresh();
      chat.await(ExpectedConditions.textToBePresentInElementLocated(testId("chat-status"),
          "you are number 1 in the queue"));
      chat.await(ExpectedConditions.textToBePresentInElementLocated(testId("chat-log"),
          "Hello! Let me find an operator for you."));

      // when the client ends the chat (and confirms)
      chat.visible("chat-leave").click();
      chat.await(ExpectedConditions.alertIsPresent()).accept();

      // then it is closed, abandoned, and out of the queue
      chat.await(ExpectedConditions.textToBePresentInElementLocated(testId("chat-status"), "The chat has ended."));
      assertThat(api.dialog(dialog).path("state").asText()).isEqualTo("CLOSED");
      assertThat(api.get("/api/queue").body().findValuesAsText("dialogId")).doesNotContain(dialog);
    }
  }

  @Test
  void shouldOpenTheChatInAFrameOnAnotherSitesPageThroughTheWidget() throws IOException {
    // given a page of another site that embeds the widget
    otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] page = ("<!DOCTYPE html><html><head><title>Shop</title></head><body><h1>A shop</h1>"
        + "<script src=\"http://localhost:" + port + "/chat/widget.js\" data-scenario=\"support_chat\"></script>"
        + "</body></html>").getBytes(StandardCharsets.UTF_8);
    otherSite.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    otherSite.start();

    try (Browser shop = Browser.open(port)) {
      // when a visitor opens the chat from the corner button
      shop.driver().get("http://127.0.0.1:" + otherSite.getAddress().getPort() + "/");
      shop.visible("chat-widget-button").click();
      WebElement frame = shop.visible("chat-widget-frame");
      shop.driver().switchTo().frame(frame);
      shop.visible("chat-start").click();

      // then the chat runs inside the frame
      shop.await(ExpectedConditions.textToBePresentInElementLocated(testId("chat-log"),
          "Hello! Let me find an operator for you."));
      shop.driver().switchTo().defaultContent();
      assertThat(jdbc.sql("SELECT COUNT(*) FROM oc_dialog WHERE channel = 'webchat'").query(Long.class).single())
          .isEqualTo(1);
    }
  }
}
