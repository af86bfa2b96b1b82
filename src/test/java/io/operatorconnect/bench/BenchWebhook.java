package io.operatorconnect.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code -Dbench.webhook=true}: every channel of the benchmark gets a webhook on a receiver on the loopback
 * that answers 204 at once, so that the full flow pays for the outbox (its rows, the claims, the signed
 * POSTs) as a desk connected to a bot platform does. Off by default: the suite's figures stay comparable
 * with the runs before the outbox.
 */
final class BenchWebhook implements AutoCloseable {

  private final HttpServer server;
  private final AtomicLong received = new AtomicLong();

  private BenchWebhook(JdbcClient db) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger handlers = new AtomicInteger();
    server.setExecutor(Executors.newFixedThreadPool(2,
        runnable -> new Thread(runnable, "bench-webhook-" + handlers.incrementAndGet())));
    server.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    for (String channel : BenchOperators.CHANNELS) {
      db.sql("INSERT INTO oc_channel (channel, webhook_url, webhook_secret, updated_at) VALUES (?, ?, ?, ?)")
          .params(channel, url, "a-benchmark-webhook-secret", Timestamp.from(Instant.now())).update();
    }
  }

  /** A receiver and the webhooks when {@code -Dbench.webhook=true}, else null. */
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

  long received() {
    return received.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
