package io.operatorconnect.panel;

import static io.operatorconnect.testsupport.Browser.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.testsupport.Browser;
import io.operatorconnect.testsupport.BrowserTest;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.KnownDialogs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * The supervisor's view in a real (headless) Chromium: the live work (every subject's queue, every open dialog
 * with the client's wait for an answer) and a reassignment made from it; the figures drawn as charts.
 */
@BrowserTest
class SupervisorBrowserTests {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldShowTheLiveWorkAndLetTheSupervisorReassignADialogAndMoveAWaitingOne() {
    // given: anna (one slot) has a dialog whose client waits for an answer, the next one waits in the queue;
    // bob of support and sales is online with room
    api.operator("anna", 1, "ONLINE", "support");
    String held = api.supportChat("client-1").path("id").asText();
    api.post("/api/dialogs/" + held + "/messages", Map.of("from", "client", "text", "is anyone there?"))
        .assertStatus(201);
    api.operator("bob", 1, "AWAY", "support", "sales");
    String waiting = api.supportChat("client-2").path("id").asText();
    api.awaitState(waiting, "QUEUED");

    try (Browser browser = Browser.open(port)) {
      browser.signIn(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);

      // then the queue of support holds client 2, and anna's dialog shows the client's wait
      By queued = By.cssSelector("[data-testid='work-queue'][data-subject='support'] [data-dialog-id='" + waiting
          + "']");
      browser.await(ExpectedConditions.textToBePresentInElementLocated(queued, "client-2"));
      assertThat(browser.driver().findElement(queued).getText()).contains("#1", "waiting");
      By row = By.cssSelector("[data-testid='work-open-dialog'][data-dialog-id='" + held + "']");
      browser.await(ExpectedConditions.textToBePresentInElementLocated(row, "is anyone there?"));
      WebElement open = browser.driver().findElement(row);
      assertThat(open.findElement(testId("work-operator")).getText()).contains("Anna");
      assertThat(open.findElement(testId("awaiting-answer")).getText()).matches("\\d+ s|\\d+ min \\d+ s");
      // an administrator who is no operator cannot take a dialog over
      assertThat(open.findElement(testId("take-over")).isDisplayed()).isFalse();

      // when the supervisor reassigns anna's dialog to bob
      new Select(open.findElement(testId("reassign-target"))).selectByValue("operator:bob");
      open.findElement(testId("reassign-button")).click();

      // then bob has it, and the row says so; anna's slot is free and the queue moves to her
      await().atMost(Duration.ofSeconds(10)).until(() -> api.dialog(held).path("operatorId").asText(), "bob"::equals);
      browser.await(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("[data-dialog-id='" + held + "'] [data-testid='work-operator']"), "Bob"));
      api.awaitState(waiting, "TAKEN_OVER");
      browser.await(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("[data-testid='work-open-dialog'][data-dialog-id='" + waiting
              + "'] [data-testid='work-operator']"), "Anna"));

      // and a third client, who waits now, can be moved to the sales queue from the page
      String third = api.supportChat("client-3").path("id").asText();
      api.awaitState(third, "QUEUED");
      By thirdInSupport = By.cssSelector("[data-subject='support'] [data-dialog-id='" + third + "']");
      browser.await(ExpectedConditions.visibilityOfElementLocated(thirdInSupport));
      WebElement entry = browser.driver().findElement(thirdInSupport);
      new Select(entry.findElement(testId("reassign-target"))).selectByValue("subject:sales");
      entry.findElement(testId("reassign-button")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> api.dialog(third).path("subject").asText(), "sales"::equals);
      browser.await(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("[data-subject='sales'] [data-dialog-id='" + third + "']")));
    }
  }

  @Test
  void shouldDrawTheFiguresOfAChosenPeriodAsChartsPerSubjectAndPerOperator() {
    // given: a known day (as StatsApiTests has it): support 3 handled and 1 abandoned, sales 1 open
    api.operator("anna", 3, "OFFLINE", "support");
    api.operator("bob", 3, "OFFLINE", "support", "sales");
    KnownDialogs known = new KnownDialogs(jdbc, "2026-11-02");
    known.dialog("d1", "support", "anna", "CLOSED", null, "10:00:00", null, "10:00:00", "10:05:00", "10:00:30");
    known.dialog("d2", "support", "anna", "CLOSED", null, "10:09:00", "10:10:00", "10:12:00", "10:20:00", "10:12:10");
    known.dialog("d3", "support", "bob", "CLOSED", null, "11:00:00", "11:00:00", "11:00:20", "11:10:50", "11:00:50");
    known.dialog("d4", "support", null, "CLOSED", "ABANDONED", "12:00:00", "12:00:00", null, "12:03:00", null);
    known.dialog("d5", "sales", "bob", "TAKEN_OVER", null, "13:00:00", null, "13:00:00", null, null);

    try (Browser browser = Browser.open(port)) {
      browser.signIn(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);
      browser.visible("figures-charts");

      // when the supervisor chooses that day
      browser.script("document.querySelector('#figures-from').value = '2026-11-02';"
          + "document.querySelector('#figures-to').value = '2026-11-02';");
      browser.visible("figures-show").click();

      // then the summary and the charts are that day's, per subject
      browser.await(ExpectedConditions.textToBePresentInElementLocated(testId("figures-summary"), "5 dialogs"));
      assertThat(browser.visible("figures-summary").getText()).contains("3 handled", "1 abandoned");
      assertThat(bar(browser, "chart-dialogs", "support", "handled")).isEqualTo("3");
      assertThat(bar(browser, "chart-dialogs", "support", "abandoned while queued")).isEqualTo("1");
      assertThat(bar(browser, "chart-assignment", "support", "90th percentile")).isEqualTo("120");
      assertThat(bar(browser, "chart-answered", "support", "share")).isEqualTo("0.5");
      // a longer time is a longer bar
      assertThat(width(browser, "chart-assignment", "support", "90th percentile"))
          .isGreaterThan(width(browser, "chart-assignment", "support", "median"));
      assertThat(browser.visible("figures-csv").getAttribute("href"))
          .contains("/api/stats.csv?from=2026-11-02&to=2026-11-02");

      // and per operator
      new Select(browser.visible("figures-by")).selectByValue("operator");
      browser.await(ExpectedConditions.presenceOfElementLocated(bars("chart-dialogs", "anna", "handled")));
      assertThat(bar(browser, "chart-dialogs", "anna", "handled")).isEqualTo("2");
      assertThat(bar(browser, "chart-handling", "bob", "median")).isEqualTo("630");
      assertThat(browser.driver().findElements(By.cssSelector("[data-testid='chart-dialogs'] rect"))
          .stream().map(rect -> rect.getAttribute("data-group")).distinct().toList())
          .containsExactlyElementsOf(List.of("anna", "bob"));
    }
  }

  private static By bars(String chart, String group, String series) {
    return By.cssSelector("[data-testid='" + chart + "'] rect[data-group='" + group + "'][data-series='" + series
        + "']");
  }

  private static String bar(Browser browser, String chart, String group, String series) {
    return browser.await(ExpectedConditions.presenceOfElementLocated(bars(chart, group, series)))
        .getAttribute("data-value");
  }

  private static double width(Browser browser, String chart, String group, String series) {
    return Double.parseDouble(browser.driver().findElement(bars(chart, group, series)).getAttribute("width"));
  }
}
