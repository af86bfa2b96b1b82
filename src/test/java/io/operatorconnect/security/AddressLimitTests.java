package io.operatorconnect.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.SignedInSession;
import io.operatorconnect.testsupport.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * What one source address may do is limited: guessing passwords, before they reach the engine (which pauses
 * a user's sign-in but never locks them for good), and starting web chats. Each test comes from a loopback
 * address of its own (127.0.0.x), which the server counts as a source of its own.
 */
@OperatorConnectTest
@TestPropertySource(properties = {
    // the default limit, in a context of its own: the shared test context allows the suite's wrong passwords
    "operator-connect.security.sign-in-failures=10",
    "operator-connect.chat.starts-per-address=3",
    "spring.datasource.url=jdbc:h2:mem:sign-in-limit;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.process-engine-name=signInLimit"})
@Order(1) // before the cluster tests: see junit-platform.properties
class AddressLimitTests {

  static final String SECRET = "a-long-password-5";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identity;

  @AfterEach
  void engineClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldRefuseSignInsFromAnAddressAfterTenWrongPasswordsWith429AndRetryAfter() {
    // given: ten wrong passwords from one address, each for another (unknown) user, so no user is paused
    for (int i = 0; i < 10; i++) {
      assertThat(basicMe("127.0.0.2", "nobody-" + i, "guess-" + i).status()).isEqualTo(401);
    }

    // when: the eleventh, even with the administrator's right password, and the login form
    Answer eleventh = basicMe("127.0.0.2", HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);
    Answer form = loginForm("127.0.0.2", HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);
    Answer otherAddress = basicMe("127.0.0.3", HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);

    // then
    assertThat(eleventh.status()).isEqualTo(429);
    assertThat(Long.parseLong(eleventh.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(eleventh.body()).contains("sign-in from your address is paused for").contains(" s ");
    // the login form goes back to the login page, which says so
    assertThat(form.status()).isEqualTo(302);
    assertThat(form.header("Location")).endsWith("/login?error");
    String cookie = form.header("Set-Cookie").split(";")[0];
    Answer page = Answer.of("127.0.0.2", port, "GET /login?error HTTP/1.1\r\nHost: localhost\r\nCookie: " + cookie
        + "\r\nConnection: close\r\n\r\n");
    assertThat(page.body()).contains("Sign-in from your address is paused for");
    assertThat(otherAddress.status()).isEqualTo(200);
  }

  @Test
  void shouldSayThatAUsersSignInIsPausedAndForHowLong() {
    // given
    TestUsers.user(identity, "paula", SECRET, Role.OPERATOR);
    assertThat(basicMe("127.0.0.4", "paula", "wrong-password").status()).isEqualTo(401);
    Date afterTheWrongOne = new Date();
    ClockUtil.setCurrentTime(afterTheWrongOne); // the engine's clock stands still: the pause lasts

    // when: the right password during the engine's pause (3 s after a first wrong one)
    Answer paused = basicMe("127.0.0.4", "paula", SECRET);

    // then
    assertThat(paused.status()).isEqualTo(401);
    assertThat(paused.body()).contains("sign-in of 'paula' is paused for").contains(" s ");
    assertThat(Long.parseLong(paused.header("Retry-After"))).isBetween(1L, 3L);
    SignedInSession browser = new SignedInSession(port);
    assertThat(browser.signIn("paula", SECRET).headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    assertThat(browser.get("/login?error").body()).contains("Sign-in of &#39;paula&#39; is paused for");
    ClockUtil.setCurrentTime(new Date(afterTheWrongOne.getTime() + 4_000));
    assertThat(basicMe("127.0.0.4", "paula", SECRET).status()).isEqualTo(200);
  }

  @Test
  void shouldNeverLockAUserForGoodAfterWrongPasswords() {
    // given: many more wrong passwords than the engine's default of ten before a lock for good
    TestUsers.user(identity, "lena", SECRET, Role.OPERATOR);
    long now = System.currentTimeMillis();
    for (int i = 0; i < 25; i++) {
      now += 61_000; // past each pause (at most 60 s)
      ClockUtil.setCurrentTime(new Date(now));
      assertThat(identity.checkPassword("lena", "wrong-" + i)).isFalse();
    }

    // when: the pause is over
    ClockUtil.setCurrentTime(new Date(now + 61_000));
    Answer signIn = basicMe("127.0.0.5", "lena", SECRET);

    // then
    assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
  }

  /** {@code GET /api/me} with Basic credentials, sent from the loopback address {@code from}. */
  private Answer basicMe(String from, String user, String password) {
    return Answer.of(from, port, "GET /api/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
        + CrossSiteRequestTests.basic(user, password) + "\r\nConnection: close\r\n\r\n");
  }

  /** The login form's post, from {@code from}; the server refuses it by address before it reads the form. */
  private Answer loginForm(String from, String user, String password) {
    String form = "username=" + user + "&password=" + password;
    return Answer.of(from, port, "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type:"
        + " application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\nConnection: close\r\n\r\n"
        + form);
  }

  /**
   * An HTTP answer over a socket bound to a source address of its own: the JDK's HTTP client cannot choose
   * its source address (before Java 19), and every loopback destination is reached from 127.0.0.1.
   */
  @Test
  void shouldRefuseChatStartsFromAnAddressOverItsLimitWith429AndRetryAfter() {
    // given: three chats started from one address
    String start = "POST /chat/api/dialogs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
    for (int i = 0; i < 3; i++) {
      assertThat(Answer.of("127.0.0.5", port, start).status()).isEqualTo(201);
    }

    // when: a fourth from there, and one from another address
    Answer fourth = Answer.of("127.0.0.5", port, start);
    Answer otherAddress = Answer.of("127.0.0.6", port, start);

    // then
    assertThat(fourth.status()).isEqualTo(429);
    assertThat(fourth.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fourth.body()).contains("too many chats were started from your address");
    assertThat(Long.parseLong(fourth.header("Retry-After"))).isBetween(1L, 600L);
    assertThat(otherAddress.status()).isEqualTo(201);
  }

  record Answer(int status, String head, String body) {

    static Answer of(String from, int port, String request) {
      try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return head.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
          .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse(null);
    }
  }
}
