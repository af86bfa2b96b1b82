package io.operatorconnect.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on the loopback (the JDK's HTTP server), as a bot platform would run one: it records
 * every delivery as received (headers and the exact body) and answers with the statuses it is told, 200 once
 * they are used up, or none while it is told to {@link #hold()}, so that their tries stay in flight. It serves
 * deliveries side by side, as many as come.
 */
public final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One POST as received; {@code answered} is 0 for one that was held, and so never answered. */
  public record Received(String delivery, String timestamp, String signature, byte[] body, int answered) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
  /** Open while it holds what comes once the answers are used up; null while it answers 200. */
  private volatile CountDownLatch holding;
  private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "webhook-receiver");
    thread.setDaemon(true);
    return thread;
  });

  private WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", TestPorts.any()), 0);
    server.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Integer status = answers.poll();
      CountDownLatch hold = holding;
      int answer = status != null ? status : hold != null ? 0 : 200;
      received.add(new Received(exchange.getRequestHeaders().getFirst("X-OperatorConnect-Delivery"),
          exchange.getRequestHeaders().getFirst("X-OperatorConnect-Timestamp"),
          exchange.getRequestHeaders().getFirst("X-OperatorConnect-Signature"), body, answer));
      if (answer == 0) {
        awaitRelease(hold);
      } else {
        exchange.sendResponseHeaders(answer, -1);
      }
      exchange.close(); // without an answer, this drops the connection
    });
    // a thread per delivery: one held must not keep the others waiting
    server.setExecutor(threads);
    server.start();
  }

  public static WebhookReceiver start() {
    try {
      return new WebhookReceiver();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The next deliveries are answered with these statuses, in order. */
  public WebhookReceiver answer(Integer... statuses) {
    answers.addAll(List.of(statuses));
    return this;
  }

  /** Answers 200 from now on, whatever it was told before. */
  public WebhookReceiver recover() {
    answers.clear();
    return this;
  }

  /**
   * Once the statuses it was told are used up, answers no delivery: each is recorded and held open, its
   * sender waiting for an answer, until {@link #release()}.
   */
  public WebhookReceiver hold() {
    if (holding == null) {
      holding = new CountDownLatch(1);
    }
    return this;
  }

  /** Answers again from now on; the deliveries held so far have their connections closed, unanswered. */
  public WebhookReceiver release() {
    CountDownLatch hold = holding;
    holding = null;
    if (hold != null) {
      hold.countDown();
    }
    return this;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The deliveries held without an answer (see {@link #hold()}). */
  public List<Received> held() {
    return received.stream().filter(r -> r.answered() == 0).toList();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }

  private static void awaitRelease(CountDownLatch hold) {
    try {
      hold.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
