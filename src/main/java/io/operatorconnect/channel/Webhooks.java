package io.operatorconnect.channel;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.operatorconnect.system.Times;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The channels' webhooks, in {@code oc_channel}. Whether a channel has one is asked for every message, so
 * each node remembers the answer for a second: a webhook set on another node is used within that second,
 * one set on this node at once.
 */
@Repository
public class Webhooks {

  /** Where a channel's deliveries go, and the secret that signs them. */
  public record Webhook(String url, String secret) {

    @Override
    public String toString() {
      return "Webhook[" + url + "]"; // never the secret, in a log line or an exception
    }
  }

  /** A channel as the API shows it: the webhook's address, and whether a secret is set (never the secret). */
  public record ChannelView(String channel, String url, boolean secretSet) {
  }

  static final Duration REMEMBERED = Duration.ofSeconds(1);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final LoadingCache<String, Boolean> configured;

  Webhooks(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.configured = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(REMEMBERED)
        .build(channel -> of(channel).isPresent());
  }

  /** Whether the channel has a webhook (as this node saw it within the last second). */
  public boolean configured(String channel) {
    return configured.get(channel);
  }

  public Optional<Webhook> of(String channel) {
    return jdbc.sql("SELECT webhook_url, webhook_secret FROM oc_channel WHERE channel = ? AND webhook_url IS NOT NULL")
        .param(channel).query((rs, n) -> new Webhook(rs.getString(1), rs.getString(2))).optional();
  }

  public List<ChannelView> list() {
    return jdbc.sql("SELECT channel, webhook_url, webhook_secret FROM oc_channel ORDER BY channel")
        .query((rs, n) -> new ChannelView(rs.getString(1), rs.getString(2), rs.getString(3) != null)).list();
  }

  public Optional<ChannelView> view(String channel) {
    return list().stream().filter(view -> view.channel().equals(channel)).findFirst();
  }

  void save(String channel, Webhook webhook) {
    int updated = jdbc.sql("UPDATE oc_channel SET webhook_url = ?, webhook_secret = ?, updated_at = ? WHERE channel = ?")
        .params(webhook.url(), webhook.secret(), Times.toDb(clock.instant()), channel).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO oc_channel (channel, webhook_url, webhook_secret, updated_at) VALUES (?, ?, ?, ?)")
          .params(channel, webhook.url(), webhook.secret(), Times.toDb(clock.instant())).update();
    }
    configured.invalidate(channel);
  }

  /** Stops the channel's deliveries; false when it had no webhook. */
  boolean remove(String channel) {
    int updated = jdbc.sql("UPDATE oc_channel SET webhook_url = NULL, webhook_secret = NULL, updated_at = ?"
            + " WHERE channel = ? AND webhook_url IS NOT NULL")
        .params(Times.toDb(clock.instant()), channel).update();
    configured.invalidate(channel);
    return updated > 0;
  }
}
