package io.operatorconnect.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium on the application under test, driven by Selenium. It uses the system's
 * browser and driver (Debian's {@code chromium} and {@code chromium-driver}) by their paths, so
 * Selenium Manager never looks for or downloads either, and a fresh profile that is deleted on close.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Long enough for a slow, shared machine; a wait ends as soon as its condition holds. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  private final String base;
  private final Path profile;
  private final ChromeDriver driver;

  private Browser(int port) {
    String missing = missing();
    if (missing != null) {
      throw new IllegalStateException(missing + ": the browser tests are required (OC_TEST_BROWSER=required);"
          + " install the Debian packages chromium and chromium-driver");
    }
    this.base = "http://localhost:" + port;
    try {
      this.profile = Files.createTempDirectory("oc-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Headless, no sandbox (containers), nothing that reaches out to the network by itself.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
    // The panel's desktop notifications: allowed, as a person who said yes once would have them.
    options.setExperimentalOption("prefs", Map.of("profile.default_content_setting_values.notifications", 1));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver started;
    try {
      started = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      deleteProfile();
      throw e;
    }
    this.driver = started;
  }

  /** A new browser on the application at {@code localhost:port}. */
  public static Browser open(int port) {
    return new Browser(port);
  }

  /** Why the browser cannot start here, or null when Chromium and chromedriver are both installed. */
  static String missing() {
    if (!BrowserAvailable.executable(CHROMIUM)) {
      return "no Chromium at " + CHROMIUM;
    }
    if (!BrowserAvailable.executable(CHROMEDRIVER)) {
      return "no chromedriver at " + CHROMEDRIVER;
    }
    return null;
  }

  public WebDriver driver() {
    return driver;
  }

  public Browser go(String path) {
    driver.get(base + path);
    return this;
  }

  /** The path of the page shown now, with its query. */
  public String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(base) ? url.substring(base.length()) : url;
  }

  /** Signs in on the login page and waits for the operator panel to be live (its event stream open). */
  public Browser signIn(String user, String password) {
    go("/login");
    submitLogin(user, password);
    await(driver -> path().startsWith("/panel/"));
    await(ExpectedConditions.textToBe(testId("live"), "Live"));
    return this;
  }

  /** Fills in and sends the login form of the page shown now. */
  public Browser submitLogin(String user, String password) {
    await(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    return this;
  }

  /** Waits until the condition holds (a non-null, non-false value) and returns its value. */
  public <T> T await(Function<? super WebDriver, T> condition) {
    return await(WAIT, condition);
  }

  public <T> T await(Duration within, Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver, within).until(condition);
  }

  /** Waits until an element with the {@code data-testid} is visible. */
  public WebElement visible(String testId) {
    return await(ExpectedConditions.visibilityOfElementLocated(testId(testId)));
  }

  public static By testId(String testId) {
    return By.cssSelector("[data-testid='" + testId + "']");
  }

  /** The entry of a dialog in one folder ({@code folder-mine}, {@code folder-requested}, {@code folder-queue}). */
  public static By dialogIn(String folderTestId, String dialogId) {
    return By.cssSelector("[data-testid='" + folderTestId + "'] [data-dialog-id='" + dialogId + "']");
  }

  public Object script(String javascript) {
    return ((JavascriptExecutor) driver).executeScript(javascript);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is no reason to fail a test
    }
  }
}
