package io.operatorconnect.channel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.operatorconnect.system.CoalescingWorker;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * Posts one delivery to a webhook, signed: {@code X-OperatorConnect-Delivery} (the delivery id, the same on
 * every try), {@code X-OperatorConnect-Timestamp} (epoch seconds) and {@code X-OperatorConnect-Signature}
 * ({@code sha256=} and the hex HMAC-SHA256, under the channel's secret, of the timestamp, a dot and the body).
 * Apache HttpClient 5's minimal classic client (a pool of kept-alive connections; no retries, redirects or cookies):
 * a try is bounded as a whole by {@code operator-connect.channels.timeout}, a receiver that trickles its answer
 * included (the exchange is aborted then, within a tenth of the timeout: {@link #tick}).
 */
@Component
class WebhookSender {

  /** What a try came to: the status when the webhook answered, the error when it did not or said no. */
  record Outcome(boolean delivered, Integer status, String error) {
  }

  private final JsonFactory json;
  private static final ContentType JSON = ContentType.create("application/json");

  private final CloseableHttpClient http;
  /** Closes idle connections, and aborts tries past their deadline ({@link #abortOverdue}). */
  private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1,
      CoalescingWorker.daemonThreads("webhook-deadlines"));
  /**
   * The tries under way, each with the {@link System#nanoTime} it must be over by. A watchdog looks at them every
   * {@link #tick} and aborts the late ones: a try costs two map operations, not a scheduled task of its own (whose
   * queue wakes the watchdog's thread as it becomes the next one due, and again when cancelled).
   */
  private final Map<HttpPost, Long> underWay = new ConcurrentHashMap<>();
  /** One HMAC-SHA256 per sender thread, keyed anew for each delivery: looking one up costs more than signing. */
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  });
  private final RequestConfig requestConfig;
  private final ChannelProperties properties;
  private final Clock clock;
  private static final Duration MIN_TICK = Duration.ofMillis(10);
  private static final Duration MAX_TICK = Duration.ofMillis(500);
  /** A kept-alive connection unused this long is closed. */
  private static final TimeValue IDLE = TimeValue.ofSeconds(30);

  WebhookSender(ObjectMapper json, ChannelProperties properties, Clock clock) {
    Timeout timeout = Timeout.of(properties.timeout());
    PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(properties.senders() * 4)
        .setMaxConnPerRoute(properties.senders())
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
            .setTimeToLive(TimeValue.ofMinutes(5)).build())
        .build();
    // The minimal client: the pool, keep-alive, timeouts and cancellation, without the full client's chain of
    // redirects, retries, cookies, authentication and compression, none of which a webhook's POST uses. It
    // costs less processor time per delivery (the outbox's share of the benchmark's flow, README: Performance).
    this.http = HttpClients.createMinimal(connections);
    this.requestConfig = RequestConfig.custom().setResponseTimeout(timeout).setRedirectsEnabled(false).build();
    deadlines.scheduleWithFixedDelay(() -> {
      connections.closeExpired();
      connections.closeIdle(IDLE);
    }, IDLE.toSeconds(), IDLE.toSeconds(), TimeUnit.SECONDS);
    long tick = tick(properties.timeout()).toNanos();
    deadlines.scheduleWithFixedDelay(this::abortOverdue, tick, tick, TimeUnit.NANOSECONDS);
    this.json = json.getFactory();
    this.properties = properties;
    this.clock = clock;
  }

  Outcome send(Webhooks.Webhook webhook, OutboxItem item) {
    byte[] body = body(item);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    HttpPost post = new HttpPost(webhook.url());
    post.setHeader("X-OperatorConnect-Delivery", item.id());
    post.setHeader("X-OperatorConnect-Timestamp", timestamp);
    post.setHeader("X-OperatorConnect-Signature", "sha256=" + signature(webhook.secret(), timestamp, body));
    post.setHeader(HttpHeaders.USER_AGENT, "OperatorConnect-Webhook");
    post.setConfig(requestConfig);
    post.setEntity(new ByteArrayEntity(body, JSON));
    // The socket timeout bounds each wait for the receiver; the watchdog, the whole exchange.
    underWay.put(post, System.nanoTime() + properties.timeout().toNanos());
    try {
      int status = http.execute(post, response -> {
        EntityUtils.consume(response.getEntity());
        return response.getCode();
      });
      return status / 100 == 2 ? new Outcome(true, status, null)
          : new Outcome(false, status, "the webhook answered " + status);
    } catch (IOException | RuntimeException e) {
      String error = post.isCancelled() ? "no whole answer within " + properties.timeout()
          : e.getClass().getSimpleName() + ": " + e.getMessage();
      return new Outcome(false, null, error);
    } finally {
      underWay.remove(post);
    }
  }

  /**
   * How often the watchdog looks for late tries: a tenth of the timeout, between 10 ms and half a second. A try
   * is aborted at most that long after its deadline.
   */
  static Duration tick(Duration timeout) {
    Duration tenth = timeout.dividedBy(10);
    return tenth.compareTo(MIN_TICK) < 0 ? MIN_TICK : tenth.compareTo(MAX_TICK) > 0 ? MAX_TICK : tenth;
  }

  /** Aborts the tries past their deadline (the exchange fails, and the try is recorded as failed). */
  private void abortOverdue() {
    long now = System.nanoTime();
    underWay.forEach((post, deadline) -> {
      if (now - deadline >= 0) {
        post.cancel();
      }
    });
  }

  @PreDestroy
  void close() throws IOException {
    deadlines.shutdownNow();
    http.close();
  }

  /**
   * The body, as DESIGN.md's channel contract names its fields, written field by field in that order (null
   * fields included): every try of a delivery, on any node, sends the same bytes, and no map or reflection is
   * built for it.
   */
  byte[] body(OutboxItem item) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + (item.text() == null ? 0 : item.text().length() * 2));
    try (JsonGenerator out = json.createGenerator(bytes)) {
      out.writeStartObject();
      out.writeStringField("id", item.id());
      out.writeStringField("dialogId", item.dialogId());
      out.writeStringField("channel", item.channel());
      out.writeStringField("clientId", item.clientId());
      out.writeStringField("type", item.type().value());
      out.writeStringField("from", item.type() == ClientEventType.MESSAGE ? from(item.from()) : null);
      out.writeStringField("text", item.text());
      if (item.operatorId() == null) {
        out.writeNullField("operator");
      } else {
        out.writeObjectFieldStart("operator");
        out.writeStringField("id", item.operatorId());
        out.writeStringField("name", item.operatorName() == null ? item.operatorId() : item.operatorName());
        out.writeEndObject();
      }
      out.writeStringField("at", item.at().toString());
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a delivery's body is plain values written to memory", e);
    }
    return bytes.toByteArray();
  }

  /** {@code bot}, {@code operator}, or {@code system} for a line of nobody in particular. */
  private static String from(Sender sender) {
    return sender == Sender.OPERATOR ? "operator" : sender == Sender.BOT ? "bot" : "system";
  }

  /** The hex HMAC-SHA256 of {@code <timestamp>.<body>} under the secret, as a receiver computes it. */
  static String signature(String secret, String timestamp, byte[] body) {
    Mac mac = HMAC.get();
    try {
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 takes a key of any length", e);
    }
    mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
