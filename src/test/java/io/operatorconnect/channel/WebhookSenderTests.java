package io.operatorconnect.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One try against receivers that misbehave, with no application around it: a receiver slower than the timeout
 * fails the try within the timeout and a tenth, whether it says nothing or trickles its answer a byte at a time
 * (each byte well within the socket's timeout, so only the deadline of the whole exchange ends it).
 */
class WebhookSenderTests {

  private static final Duration TIMEOUT = Duration.ofMillis(800);
  private static final String SECRET = "a-test-secret";
  /** The latest a failed try may end: its deadline, the watchdog's tick after it, and room for a busy machine. */
  private static final Duration LATEST = TIMEOUT.plus(WebhookSender.tick(TIMEOUT)).plusMillis(700);

  private final CountDownLatch stop = new CountDownLatch(1);
  private HttpServer server;
  private WebhookSender sender;

  @AfterEach
  void stop() throws IOException {
    stop.countDown();
    if (server != null) {
      server.stop(0);
    }
    if (sender != null) {
      sender.close();
    }
  }

  @Test
  void shouldAbortAReceiverThatTricklesItsAnswerPastTheTimeout() throws Exception {
    String url = receiver(exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked: the answer is not whole until the receiver ends it
      OutputStream body = exchange.getResponseBody();
      while (!stop.await(100, TimeUnit.MILLISECONDS)) {
        body.write('.');
        body.flush();
      }
      exchange.close();
    });

    Try done = send(url);

    assertThat(done.outcome().delivered()).isFalse();
    assertThat(done.outcome().error()).isEqualTo("no whole answer within " + TIMEOUT);
    assertThat(done.took()).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(LATEST);
  }

  @Test
  void shouldFailATryWhoseReceiverSaysNothing() throws Exception {
    String url = receiver(exchange -> {
      stop.await();
      exchange.close();
    });

    Try done = send(url);

    assertThat(done.outcome().delivered()).isFalse();
    assertThat(done.outcome().status()).isNull();
    assertThat(done.outcome().error()).isNotBlank();
    assertThat(done.took()).isLessThan(LATEST);
  }

  @Test
  void shouldSignEachBodyUnderItsOwnWebhooksSecretOnOneThread() throws Exception {
    byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
    String first = WebhookSender.signature("secret-one", "1700000000", body);
    String second = WebhookSender.signature("secret-two", "1700000000", body);

    assertThat(first).isEqualTo(WebhookDeliveryTests.hmac("secret-one", "1700000000." + "{\"id\":\"1\"}"));
    assertThat(second).isEqualTo(WebhookDeliveryTests.hmac("secret-two", "1700000000." + "{\"id\":\"1\"}"));
    assertThat(WebhookSender.signature("secret-one", "1700000000", body)).isEqualTo(first);
  }

  @Test
  void shouldLookForLateTriesOftenEnoughForAnyTimeout() {
    assertThat(WebhookSender.tick(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(500));
    assertThat(WebhookSender.tick(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(200));
    assertThat(WebhookSender.tick(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(10));
    assertThat(WebhookSender.tick(Duration.ofMinutes(5))).isEqualTo(Duration.ofMillis(500));
  }

  /** A try's outcome and how long it took. */
  private record Try(WebhookSender.Outcome outcome, Duration took) {
  }

  private Try send(String url) {
    long begin = System.nanoTime();
    WebhookSender.Outcome outcome = sender().send(new Webhooks.Webhook(url, SECRET), item());
    return new Try(outcome, Duration.ofNanos(System.nanoTime() - begin));
  }

  private interface Answer {
    void answer(com.sun.net.httpserver.HttpExchange exchange) throws Exception;
  }

  private String receiver(Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/hook", exchange -> {
      try {
        exchange.getRequestBody().readAllBytes();
        answer.answer(exchange);
      } catch (Exception e) {
        exchange.close();
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private WebhookSender sender() {
    ChannelProperties properties = new ChannelProperties(Duration.ofSeconds(1), TIMEOUT, Duration.ofSeconds(1),
        Duration.ofMinutes(5), Duration.ofHours(24), 50, 4, Duration.ofSeconds(30), Duration.ofDays(7));
    sender = new WebhookSender(new ObjectMapper(), properties, Clock.systemUTC());
    return sender;
  }

  private static OutboxItem item() {
    return new OutboxItem("0190a4b2-0000-7000-8000-000000000001", "dialog-1", "telegram", "client-1",
        ClientEventType.MESSAGE, Sender.BOT, "Hello", null, null, Instant.parse("2026-12-07T10:00:00Z"));
  }
}
