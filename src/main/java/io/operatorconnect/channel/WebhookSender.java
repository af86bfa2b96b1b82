package io.operatorconnect.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Posts one delivery to a webhook, signed: {@code X-OperatorConnect-Delivery} (the delivery id, the same on
 * every try), {@code X-OperatorConnect-Timestamp} (epoch seconds) and {@code X-OperatorConnect-Signature}
 * ({@code sha256=} and the hex HMAC-SHA256, under the channel's secret, of the timestamp, a dot and the body).
 * The JDK's HTTP client: it has timeouts, HTTP/1.1 and 2 and TLS, and needs no dependency.
 */
@Component
class WebhookSender {

  /** What a try came to: the status when the webhook answered, the error when it did not or said no. */
  record Outcome(boolean delivered, Integer status, String error) {
  }

  private final HttpClient http;
  private final ObjectMapper json;
  private final ChannelProperties properties;
  private final Clock clock;

  WebhookSender(ObjectMapper json, ChannelProperties properties, Clock clock) {
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.json = json;
    this.properties = properties;
    this.clock = clock;
  }

  Outcome send(Webhooks.Webhook webhook, OutboxItem item) {
    byte[] body = body(item);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url()))
        .timeout(properties.timeout())
        .header("Content-Type", "application/json")
        .header("X-OperatorConnect-Delivery", item.id())
        .header("X-OperatorConnect-Timestamp", timestamp)
        .header("X-OperatorConnect-Signature", "sha256=" + signature(webhook.secret(), timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    // The request's timeout covers the wait for the answer's headers; this one the whole exchange, so that a
    // receiver that trickles its body holds no sender past the claim.
    CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      HttpResponse<Void> response = exchange.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
      int status = response.statusCode();
      return status / 100 == 2 ? new Outcome(true, status, null)
          : new Outcome(false, status, "the webhook answered " + status);
    } catch (ExecutionException failed) {
      Throwable e = failed.getCause() == null ? failed : failed.getCause();
      return new Outcome(false, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return new Outcome(false, null, "no whole answer within " + properties.timeout());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return new Outcome(false, null, "interrupted");
    }
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
        : Map.of("id", item.operatorId(), "name", item.operatorName() == null ? item.operatorId() : item.operatorName()));
    body.put("at", item.at().toString());
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a delivery's body is plain values and always serializes", e);
    }
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
