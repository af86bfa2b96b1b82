package io.operatorconnect.channel;

import io.operatorconnect.system.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox, {@code oc_outbox}: deliveries written in the transaction of the change that causes them,
 * claimed by one node at a time, and their outcome. A delivery is due when it is {@code PENDING}, its next
 * try has come, nobody holds a claim on it, its channel has a webhook, and no earlier delivery of its
 * dialog is still {@code PENDING}: so each dialog's deliveries go in order, and the dialogs in parallel.
 */
@Repository
public class Outbox {

  /** A delivery as the API lists it. */
  /** A delivery claimed for a try, and the number of that try (1 for the first). */
  record Claimed(OutboxItem item, int tries) {
  }

  public record Delivery(String id, String dialogId, String type, String state, int attempts, Integer lastStatus,
      String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
  }

  private final JdbcClient jdbc;

  Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A new delivery, due at once, tried until {@code giveUpAt}. */
  void add(OutboxItem item, Instant giveUpAt) {
    jdbc.sql("""
            INSERT INTO oc_outbox (id, dialog_id, channel, client_id, type, sender, text, operator_id, operator_name,
                                   created_at, state, next_attempt_at, give_up_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
        .params(item.id(), item.dialogId(), item.channel(), item.clientId(), item.type().name(),
            item.from() == null ? null : item.from().name(), item.text(), item.operatorId(), item.operatorName(),
            Times.toDb(item.at()), Times.toDb(item.at()), Times.toDb(giveUpAt))
        .update();
  }

  /**
   * Claims up to {@code limit} due deliveries until {@code claimedUntil} and counts the try; rows another
   * node is claiming at the same moment are skipped ({@code FOR UPDATE SKIP LOCKED}, on H2 and PostgreSQL).
   * Run in a transaction of its own, committed before anything is sent.
   */
  List<Claimed> claim(int limit, Instant now, Instant claimedUntil) {
    List<Claimed> claimed = jdbc.sql(ITEM + """
             FROM oc_outbox o
            WHERE o.state = 'PENDING' AND o.next_attempt_at <= ?
              AND (o.claimed_until IS NULL OR o.claimed_until < ?)
              AND EXISTS (SELECT 1 FROM oc_channel c WHERE c.channel = o.channel AND c.webhook_url IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM oc_outbox e
                              WHERE e.dialog_id = o.dialog_id AND e.state = 'PENDING' AND e.seq < o.seq)
            ORDER BY o.next_attempt_at, o.seq""" + " LIMIT " + limit + " FOR UPDATE SKIP LOCKED")
        .params(Times.toDb(now), Times.toDb(now))
        .query((rs, n) -> new Claimed(item(rs, n), rs.getInt("attempts") + 1)).list();
    if (!claimed.isEmpty()) {
      // one statement for the whole batch, whatever its size
      List<Object> params = new ArrayList<>(List.of(Times.toDb(claimedUntil)));
      claimed.forEach(claim -> params.add(claim.item().id()));
      jdbc.sql("UPDATE oc_outbox SET claimed_until = ?, attempts = attempts + 1 WHERE id IN ("
              + String.join(", ", Collections.nCopies(claimed.size(), "?")) + ")")
          .params(params).update();
    }
    return claimed;
  }

  /** The columns of an {@link OutboxItem}, of the row aliased {@code o}; the operator's name as it is now. */
  private static final String ITEM = """
      SELECT o.id, o.dialog_id, o.channel, o.client_id, o.type, o.sender, o.text, o.operator_id, o.created_at,
             o.attempts,
             COALESCE(o.operator_name, (SELECT p.name FROM oc_operator p WHERE p.id = o.operator_id)) AS operator_name
      """;

  private static OutboxItem item(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
    return new OutboxItem(rs.getString("id"), rs.getString("dialog_id"), rs.getString("channel"),
        rs.getString("client_id"), ClientEventType.valueOf(rs.getString("type")),
        rs.getString("sender") == null ? null : Sender.valueOf(rs.getString("sender")), rs.getString("text"),
        rs.getString("operator_id"), rs.getString("operator_name"), Times.fromDb(rs, "created_at"));
  }

  void delivered(String id, int status, Instant now) {
    jdbc.sql("""
            UPDATE oc_outbox SET state = 'DELIVERED', delivered_at = ?, last_status = ?, last_error = NULL,
                                 claimed_until = NULL
            WHERE id = ?""")
        .params(Times.toDb(now), status, id).update();
  }

  /** A failed try: tried again at {@code nextAttemptAt}, or {@code FAILED} when that is past its give-up time. */
  void failed(String id, Integer status, String error, Instant nextAttemptAt) {
    jdbc.sql("""
            UPDATE oc_outbox SET state = CASE WHEN give_up_at < ? THEN 'FAILED' ELSE 'PENDING' END,
                                 next_attempt_at = ?, last_status = ?, last_error = ?, claimed_until = NULL
            WHERE id = ?""")
        .params(Times.toDb(nextAttemptAt), Times.toDb(nextAttemptAt), status,
            error == null ? null : error.substring(0, Math.min(error.length(), 1000)), id)
        .update();
  }

  /** Sends a {@code FAILED} delivery again from now; false when the channel has no such failed delivery. */
  boolean retry(String channel, String id, Instant now, Instant giveUpAt) {
    return jdbc.sql("""
            UPDATE oc_outbox SET state = 'PENDING', next_attempt_at = ?, give_up_at = ?, claimed_until = NULL
            WHERE id = ? AND channel = ? AND state = 'FAILED'""")
        .params(Times.toDb(now), Times.toDb(giveUpAt), id, channel).update() > 0;
  }

  /** The channel's deliveries, newest first, of one state or all, at most {@code limit}. */
  public List<Delivery> list(String channel, String state, int limit) {
    String sql = DELIVERY + " WHERE channel = ?" + (state == null ? "" : " AND state = ?") + " ORDER BY seq DESC LIMIT "
        + limit;
    var query = state == null ? jdbc.sql(sql).param(channel) : jdbc.sql(sql).params(channel, state);
    return query.query(Outbox::delivery).list();
  }

  /** How many deliveries are PENDING and FAILED (the DELIVERED ones are not counted: they only grow). */
  Map<String, Integer> countsByState() {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.sql("SELECT state, COUNT(*) FROM oc_outbox WHERE state IN ('PENDING', 'FAILED') GROUP BY state")
        .query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2))).list();
    return counts;
  }

  public Optional<Delivery> delivery(String id) {
    return jdbc.sql(DELIVERY + " WHERE id = ?").param(id).query(Outbox::delivery).optional();
  }

  private static final String DELIVERY = """
      SELECT id, dialog_id, type, state, attempts, last_status, last_error, created_at, next_attempt_at, delivered_at
      FROM oc_outbox""";

  private static Delivery delivery(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
    return new Delivery(rs.getString("id"), rs.getString("dialog_id"),
        ClientEventType.valueOf(rs.getString("type")).value(), rs.getString("state"), rs.getInt("attempts"),
        (Integer) rs.getObject("last_status"), rs.getString("last_error"), Times.fromDb(rs, "created_at"),
        Times.fromDb(rs, "next_attempt_at"), Times.fromDb(rs, "delivered_at"));
  }
}
