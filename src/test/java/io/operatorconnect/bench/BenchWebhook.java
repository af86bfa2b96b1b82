package io.operatorconnect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code -Dbench.webhook=true}: the full flow is measured a second time, in batches of its own between the
 * others, with a webhook on every channel of the benchmark on a receiver on the loopback that answers 204 at
 * once, so that it pays for the outbox (its rows, the claims, the signed POSTs) as a desk connected to a bot
 * platform does. Both full flows run in the same application and the same minutes, so the outbox's cost is
 * their difference, not that of two runs on a machine whose speed drifts (it moved by a quarter between two
 * runs back to back). The webhooks are on only during the webhook's batches; such a batch ends when its
 * last delivery has been received, so its time and processor time hold all the outbox's work for its flows.
 */
final class BenchWebhook implements AutoCloseable {

  /** How long a node may use a webhook after it was removed, or not yet use a new one (channel.Webhooks). */
  private static final Duration REMEMBERED = Duration.ofMillis(1100);

  private final HttpServer server;
  private final String url;
  private final JdbcClient db;
  private final AtomicLong received = new AtomicLong();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /**
   * Each worker thread's processor time as of the last request it answered, kept when the thread has ended: a
   * worker serves one connection, and the client closes its connections after five minutes (so a reading of the
   * live threads alone lost the time of the ones gone, and gave 0.05 ms per flow in a long run).
   */
  private final Map<Long, Long> workersCpu = new ConcurrentHashMap<>();
  private long outboxNanos;
  private long receiverNanos;
  private JvmThreads.Snapshot outboxBefore = JvmThreads.Snapshot.NONE;
  private long receiverBefore;
  private boolean measuring;
  private long drainNanos;
  private long longestDrainNanos;

  private BenchWebhook(JdbcClient db) throws IOException {
    this.db = db;
    // Apache HttpCore's classic server (on the classpath with the webhook's client): a blocking thread per kept-
    // alive connection, which reads a request, answers and reads the next, with no selector to go back to in
    // between (the JDK's server re-registers each connection with its selector after every exchange: 0.57 to
    // 0.65 ms of processor time per full flow here, against 0.19 to 0.48). A receiver runs on another machine in
    // production; here its processor time is taken from the application's.
    server = ServerBootstrap.bootstrap()
        .setLocalAddress(InetAddress.getLoopbackAddress())
        .setCanonicalHostName("127.0.0.1") // the host of the webhook's URL: any other is answered 421
        .setListenerPort(0)
        .register("/hook", (request, response, context) -> {
          EntityUtils.consume(request.getEntity());
          received.incrementAndGet();
          response.setCode(HttpStatus.SC_NO_CONTENT);
          workersCpu.put(Thread.currentThread().getId(), THREADS.getCurrentThreadCpuTime());
        })
        .create();
    server.start();
    url = "http://127.0.0.1:" + server.getLocalPort() + "/hook";
  }

  /** A receiver when {@code -Dbench.webhook=true}, else null. */
  static BenchWebhook startIfAsked(JdbcClient db) {
    if (!Boolean.getBoolean("bench.webhook")) {
      return null;
    }
    try {
      return new BenchWebhook(db);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Gives every channel the webhook, and waits until the application uses it; before a batch's clock starts. */
  void on() {
    for (String channel : BenchOperators.CHANNELS) {
      db.sql("INSERT INTO oc_channel (channel, webhook_url, webhook_secret, updated_at) VALUES (?, ?, ?, ?)")
          .params(channel, url, "a-benchmark-webhook-secret", Timestamp.from(Instant.now())).update();
    }
    pause(REMEMBERED);
    outboxBefore = JvmThreads.read();
    receiverBefore = receiverCpuNanos();
  }

  /** Whether the batches from now on are measured: only theirs count in the processor time {@link #report} gives. */
  void measuring(boolean measuring) {
    this.measuring = measuring;
  }

  /** Waits until every delivery written so far has been received; inside the batch's clock. */
  void drain() {
    long begin = System.nanoTime();
    long deadline = begin + Duration.ofMinutes(2).toNanos();
    while (pending() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(pending() + " deliveries still pending two minutes after the batch");
      }
      pause(Duration.ofMillis(5));
    }
    if (measuring) {
      long drained = System.nanoTime() - begin;
      drainNanos += drained;
      longestDrainNanos = Math.max(longestDrainNanos, drained);
    }
  }

  /** Takes the webhooks away again, and waits until the application no longer uses them; after the clock. */
  void off() {
    if (measuring) {
      outboxNanos += JvmThreads.read().since(outboxBefore).outbox();
      receiverNanos += receiverCpuNanos() - receiverBefore;
    }
    db.sql("DELETE FROM oc_channel").update();
    pause(REMEMBERED);
  }

  private long receiverCpuNanos() {
    return workersCpu.values().stream().mapToLong(Long::longValue).sum();
  }

  private int pending() {
    return db.sql("SELECT COUNT(*) FROM oc_outbox WHERE state = 'PENDING'").query(Integer.class).single();
  }

  /** What the outbox wrote and the receiver got, and the processor time of their threads per measured flow. */
  String report(int flows) {
    return String.format("%d deliveries written, %d received, %d still pending; processor time per flow with the"
            + " webhook: the outbox's threads %.2f ms, the receiver's %.2f ms; the last deliveries of the measured"
            + " batches took %.0f ms after their flows (the longest %.0f ms)",
        db.sql("SELECT COUNT(*) FROM oc_outbox").query(Integer.class).single(), received.get(), pending(),
        outboxNanos / 1e6 / flows, receiverNanos / 1e6 / flows, drainNanos / 1e6, longestDrainNanos / 1e6);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close(CloseMode.IMMEDIATE);
  }
}
