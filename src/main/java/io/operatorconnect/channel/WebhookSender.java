package io.operatorconnect.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * Posts one delivery to a webhook, signed: {@code X-OperatorConnect-Delivery} (the delivery id, the same on
 * every try), {@code X-OperatorConnect-Timestamp} (epoch seconds) and {@code X-OperatorConnect-Signature}
 * ({@code sha256=} and the hex HMAC-SHA256, under the channel's secret, of the timestamp, a dot and the body).
 * Apache HttpClient 5 (classic, with a pool of kept-alive connections, no retries, no redirects, no cookies):
 * a try is bounded as a whole by {@code operator-connect.channels.timeout}, a receiver that trickles its answer
 * included (the exchange is aborted then).
 */
@Component
class WebhookSender {

  /** What a try came to: the status when the webhook answered, the error when it did not or said no. */
  record Outcome(boolean delivered, Integer status, String error) {
  }

  private final ObjectMapper json;
  private static final ContentType JSON = ContentType.create("application/json");

  private final CloseableHttpClient http;
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
      CoalescingWorker.daemonThreads("webhook-deadlines"));
  private final ChannelProperties properties;
  private final Clock clock;

  WebhookSender(ObjectMapper json, ChannelProperties properties, Clock clock) {
    Timeout timeout = Timeout.of(properties.timeout());
    PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(properties.senders() * 4)
        .setMaxConnPerRoute(properties.senders())
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
            .setTimeToLive(TimeValue.ofMinutes(5)).build())
        .build();
    this.http = HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).setRedirectsEnabled(false).build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .evictIdleConnections(TimeValue.ofSeconds(30))
        .setUserAgent("OperatorConnect-Webhook")
        .build();
    this.json = json;
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
    post.setEntity(new ByteArrayEntity(body, JSON));
    // The socket timeout bounds each wait for the receiver; this, the whole exchange.
    ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, properties.timeout().toMillis(),
        TimeUnit.MILLISECONDS);
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
      deadline.cancel(false);
    }
  }

  @PreDestroy
  void close() throws IOException {
    deadlines.shutdownNow();
    http.close();
  }

  /** The body, as DESIGN.md's channel contract names its fields. */
  byte[] body(OutboxItem item) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", item.id());
    body.put("dialogId", item.dialogId());
    body.put("channel", item.channel());
    body.put("clientId", item.clientId());
    body.put("type", item.type().value());
    body.put("from", item.type() == ClientEventType.MESSAGE ? from(item.from()) : null);
    body.put("text", item.text());
    body.put("operator", item.operatorId() == null ? null
        : operator(item.operatorId(), item.operatorName() == null ? item.operatorId() : item.operatorName()));
    body.put("at", item.at().toString());
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a delivery's body is plain values and always serializes", e);
    }
  }

  /** {@code {"id", "name"}} in that order: every try of a delivery, on any node, sends the same bytes. */
  private static Map<String, Object> operator(String id, String name) {
    Map<String, Object> operator = new LinkedHashMap<>();
    operator.put("id", id);
    operator.put("name", name);
    return operator;
  }

  /** {@code bot}, {@code operator}, or {@code system} for a line of nobody in particular. */
  private static String from(Sender sender) {
    return sender == Sender.OPERATOR ? "operator" : sender == Sender.BOT ? "bot" : "system";
  }

  /** The hex HMAC-SHA256 of {@code <timestamp>.<body>} under the secret, as a receiver computes it. */
  static String signature(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
