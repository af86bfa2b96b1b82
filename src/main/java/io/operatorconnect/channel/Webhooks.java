package io.operatorconnect.channel;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.operatorconnect.system.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The channels' webhooks, in {@code oc_channel}. A channel's webhook is asked for with every message and
 * every delivery, so each node remembers it for a second: a webhook set or removed on another node is used
 * or left within that second, one set or removed on this node at once.
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
  private final LoadingCache<String, Optional<Webhook>> remembered;

  Webhooks(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.remembered = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(REMEMBERED).build(this::read);
  }

  /** The channel's webhook, as this node saw it within the last second. */
  public Optional<Webhook> of(String channel) {
    return remembered.get(channel);
  }

  private Optional<Webhook> read(String channel) {
    return jdbc.sql("SELECT webhook_url, webhook_secret FROM oc_channel WHERE channel = ? AND webhook_url IS NOT NULL")
        .param(channel).query((rs, n) -> new Webhook(rs.getString(1), rs.getString(2))).optional();
  }

  public List<ChannelView> list() {
    return jdbc.sql(VIEW + " ORDER BY channel").query(Webhooks::view).list();
  }

  public Optional<ChannelView> view(String channel) {
    return jdbc.sql(VIEW + " WHERE channel = ?").param(channel).query(Webhooks::view).optional();
  }

  private static final String VIEW = "SELECT channel, webhook_url, webhook_secret IS NOT NULL FROM oc_channel";

  private static ChannelView view(ResultSet rs, int rowNum) throws SQLException {
    return new ChannelView(rs.getString(1), rs.getString(2), rs.getBoolean(3));
  }

  void save(String channel, Webhook webhook) {
    int updated = jdbc.sql("UPDATE oc_channel SET webhook_url = ?, webhook_secret = ?, updated_at = ? WHERE channel = ?")
        .params(webhook.url(), webhook.secret(), Times.toDb(clock.instant()), channel).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO oc_channel (channel, webhook_url, webhook_secret, updated_at) VALUES (?, ?, ?, ?)")
          .params(channel, webhook.url(), webhook.secret(), Times.toDb(clock.instant())).update();
    }
    remembered.invalidate(channel);
  }

  /** Stops the channel's deliveries; false when it had no webhook. */
  boolean remove(String channel) {
    int updated = jdbc.sql("UPDATE oc_channel SET webhook_url = NULL, webhook_secret = NULL, updated_at = ?"
            + " WHERE channel = ? AND webhook_url IS NOT NULL")
        .params(Times.toDb(clock.instant()), channel).update();
    remembered.invalidate(channel);
    return updated > 0;
  }
}
