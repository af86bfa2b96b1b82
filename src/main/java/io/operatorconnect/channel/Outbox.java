package io.operatorconnect.channel;

import io.operatorconnect.system.Times;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.SqlParameterValue;
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

  /** A delivery claimed for a try, the number of that try (1 for the first), and the claim's end, which is ours. */
  record Claimed(OutboxItem item, int tries, Instant claimedUntil) {

    Claimed until(Instant end) {
      return new Claimed(item, tries, end);
    }
  }

  /** A delivery as the API lists it. */
  public record Delivery(String id, String dialogId, String type, String state, int attempts, Integer lastStatus,
      String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
  }

  private final JdbcClient jdbc;

  Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A new delivery, due at once, tried until {@code giveUpAt}; claimed for its first try until
   * {@code claimedUntil} by the node that writes it, or by nobody (null: the next look takes it).
   */
  record New(OutboxItem item, Instant giveUpAt, Instant claimedUntil) {

    New claimedUntil(Instant end) {
      return new New(item, giveUpAt, end);
    }
  }

  /** New deliveries, in one statement, in their order (which is their dialogs' order of delivery). */
  void add(List<New> deliveries) {
    if (deliveries.isEmpty()) {
      return;
    }
    List<Object> params = new ArrayList<>(deliveries.size() * 14);
    for (New delivery : deliveries) {
      OutboxItem item = delivery.item();
      params.addAll(Arrays.asList(item.id(), item.dialogId(), item.channel(), item.clientId(), item.type().name(),
          text(item.from() == null ? null : item.from().name()), text(item.text()), text(item.operatorId()),
          text(item.operatorName()), Times.toDb(item.at()), Times.toDb(item.at()), Times.toDb(delivery.giveUpAt()),
          time(delivery.claimedUntil()), delivery.claimedUntil() == null ? 0 : 1));
    }
    jdbc.sql("""
            INSERT INTO oc_outbox (id, dialog_id, channel, client_id, type, sender, text, operator_id, operator_name,
                                   created_at, state, next_attempt_at, give_up_at, claimed_until, attempts)
            VALUES """ + String.join(", ", Collections.nCopies(deliveries.size(),
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)")))
        .params(params)
        .update();
  }

  /**
   * A text parameter that may be null, typed: for a null of no known type, Spring asks the driver for the
   * statement's parameter types: nearly a tenth of the insert's time in a profile of the benchmark.
   */
  private static Object text(String value) {
    return value == null ? NULL_TEXT : value;
  }

  /** A time parameter that may be null, typed (see {@link #text}). */
  private static Object time(Instant value) {
    return value == null ? NULL_TIME : Times.toDb(value);
  }

  private static final SqlParameterValue NULL_TEXT = new SqlParameterValue(Types.VARCHAR, null);
  private static final SqlParameterValue NULL_TIME = new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, null);
  private static final SqlParameterValue NULL_INTEGER = new SqlParameterValue(Types.INTEGER, null);

  /**
   * Whether the dialog has a delivery still {@code PENDING}: its new ones must wait for it. Asked by a step that
   * holds the dialog's row, so no other step of the dialog writes any meanwhile.
   */
  boolean hasPending(String dialogId) {
    return jdbc.sql("SELECT 1 FROM oc_outbox WHERE dialog_id = ? AND state = 'PENDING' LIMIT 1").param(dialogId)
        .query(Integer.class).optional().isPresent();
  }

  /**
   * Claims up to {@code chains} dialogs' due deliveries, at most {@code limit} in all, and counts the try, as
   * chains: each
   * dialog's first due delivery (rows another node is claiming at the same moment are skipped, {@code FOR UPDATE
   * SKIP LOCKED}, on H2 and PostgreSQL), followed by that dialog's later deliveries that are due and unclaimed
   * too, in order. A chain is sent in order by one sender, so a dialog's deliveries written in one step need one
   * look, not one each. No other node can claim a later delivery of a chain: its dialog has an earlier one
   * pending. The claims last as long as the longest chain's tries may take ({@code perTry} each) and
   * {@code margin}. Run in a transaction of its own, committed before anything is sent.
   */
  List<List<Claimed>> claim(int chainCount, int limit, Instant now, Duration perTry, Duration margin) {
    List<Claimed> firsts = jdbc.sql(ITEM + """
             FROM oc_outbox o
            WHERE o.state = 'PENDING' AND o.next_attempt_at <= ?
              AND (o.claimed_until IS NULL OR o.claimed_until < ?)
              AND EXISTS (SELECT 1 FROM oc_channel c WHERE c.channel = o.channel AND c.webhook_url IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM oc_outbox e
                              WHERE e.dialog_id = o.dialog_id AND e.state = 'PENDING' AND e.seq < o.seq)
            ORDER BY o.next_attempt_at, o.seq""" + " LIMIT " + Math.min(chainCount, limit) + " FOR UPDATE SKIP LOCKED")
        .params(Times.toDb(now), Times.toDb(now))
        .query((rs, n) -> new Claimed(item(rs, n), rs.getInt("attempts") + 1, null)).list();
    if (firsts.isEmpty()) {
      return List.of();
    }
    Map<String, List<Claimed>> chains = new LinkedHashMap<>();
    firsts.forEach(first -> chains.put(first.item().dialogId(), new ArrayList<>(List.of(first))));
    int room = limit - firsts.size();
    if (room > 0) {
      addFollowers(chains, room, now);
    }
    int longest = chains.values().stream().mapToInt(List::size).max().orElse(1);
    Instant claimedUntil = Times.stored(now.plus(perTry.multipliedBy(longest)).plus(margin));
    List<Object> params = new ArrayList<>(List.of(Times.toDb(claimedUntil), Times.toDb(now)));
    chains.values().forEach(chain -> chain.forEach(claim -> params.add(claim.item().id())));
    int claims = params.size() - 2;
    // one statement for the whole batch, whatever its size
    int claimed = jdbc.sql("UPDATE oc_outbox SET claimed_until = ?, attempts = attempts + 1"
            + " WHERE state = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?) AND id IN ("
            + String.join(", ", Collections.nCopies(claims, "?")) + ")")
        .params(params).update();
    if (claimed != claims) {
      // a later delivery changed since it was read (retried by hand, claimed elsewhere): roll back, look again
      throw new ConcurrencyFailureException("outbox: " + (claims - claimed) + " of " + claims
          + " deliveries changed while being claimed");
    }
    return chains.values().stream().map(chain -> chain.stream().map(claim -> claim.until(claimedUntil)).toList())
        .toList();
  }

  /** The chains' dialogs' later deliveries, in order, each chain up to the first that is not due or is claimed. */
  private void addFollowers(Map<String, List<Claimed>> chains, int room, Instant now) {
    List<Object> params = new ArrayList<>(chains.keySet());
    chains.values().forEach(chain -> params.add(chain.get(0).item().id()));
    String dialogs = String.join(", ", Collections.nCopies(chains.size(), "?"));
    Set<String> closed = new HashSet<>();
    int[] left = {room};
    // Read without locking: the claim's update checks each row again, and a row that changed in between fails the
    // whole claim (see claim).
    jdbc.sql(ITEM + ", o.next_attempt_at, o.claimed_until FROM oc_outbox o WHERE o.state = 'PENDING' AND o.dialog_id IN ("
            + dialogs + ") AND o.id NOT IN (" + dialogs + ") ORDER BY o.dialog_id, o.seq")
        .params(params)
        .query((rs, n) -> {
          String dialogId = rs.getString("dialog_id");
          Instant claimedUntil = Times.fromDb(rs, "claimed_until");
          boolean free = !Times.fromDb(rs, "next_attempt_at").isAfter(now)
              && (claimedUntil == null || claimedUntil.isBefore(now));
          if (!closed.contains(dialogId) && free && left[0] > 0) {
            chains.get(dialogId).add(new Claimed(item(rs, n), rs.getInt("attempts") + 1, null));
            left[0]--;
          } else {
            closed.add(dialogId); // a chain never skips one: the rest waits for a look of its own
          }
          return dialogId;
        }).list();
  }

  /**
   * Gives claimed deliveries back untried (the rest of a chain whose earlier delivery failed, or of a node that
   * stops): due again at once. Only while the claims are still ours.
   */
  void release(List<Claimed> claims) {
    if (claims.isEmpty()) {
      return;
    }
    List<Object> params = new ArrayList<>(List.of(Times.toDb(claims.get(0).claimedUntil())));
    claims.forEach(claim -> params.add(claim.item().id()));
    jdbc.sql("UPDATE oc_outbox SET claimed_until = NULL, attempts = attempts - 1"
            + " WHERE state = 'PENDING' AND claimed_until = ? AND id IN ("
            + String.join(", ", Collections.nCopies(claims.size(), "?")) + ")")
        .params(params).update();
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

  /**
   * The webhook took these deliveries, each answering {@code status}, of one chain or of several; how many were
   * recorded. A delivery whose claim is no longer ours (it ran out and another node took the delivery over: its
   * outcome counts) is left as it is: its claim is none of the times these were claimed until, which are taken to
   * the microsecond ({@link Times#stored}).
   */
  int delivered(List<Claimed> claims, int status, Instant now) {
    List<Object> params = new ArrayList<>(List.of(Times.toDb(now), status));
    claims.forEach(claim -> params.add(claim.item().id()));
    List<Instant> claimedUntil = claims.stream().map(Claimed::claimedUntil).distinct().toList();
    claimedUntil.forEach(until -> params.add(Times.toDb(until)));
    return jdbc.sql("""
            UPDATE oc_outbox SET state = 'DELIVERED', delivered_at = ?, last_status = ?, last_error = NULL,
                                 claimed_until = NULL
            WHERE state = 'PENDING' AND id IN (""" + String.join(", ", Collections.nCopies(claims.size(), "?"))
            + ") AND claimed_until IN (" + String.join(", ", Collections.nCopies(claimedUntil.size(), "?")) + ")")
        .params(params).update();
  }

  /**
   * A failed try: tried again at {@code nextAttemptAt}, or {@code FAILED} when that is past its give-up time;
   * false, with nothing changed, when the claim is no longer ours.
   */
  boolean failed(Claimed claim, Integer status, String error, Instant nextAttemptAt) {
    return jdbc.sql("""
            UPDATE oc_outbox SET state = CASE WHEN give_up_at < ? THEN 'FAILED' ELSE 'PENDING' END,
                                 next_attempt_at = ?, last_status = ?, last_error = ?, claimed_until = NULL
            WHERE id = ? AND state = 'PENDING' AND claimed_until = ?""")
        .params(Times.toDb(nextAttemptAt), Times.toDb(nextAttemptAt), status == null ? NULL_INTEGER : status,
            text(error == null ? null : error.substring(0, Math.min(error.length(), 1000))), claim.item().id(),
            Times.toDb(claim.claimedUntil()))
        .update() > 0;
  }

  /** Deletes up to {@code limit} deliveries delivered before {@code before}; returns how many. */
  int deleteDelivered(Instant before, int limit) {
    return jdbc.sql("DELETE FROM oc_outbox WHERE id IN (SELECT id FROM oc_outbox WHERE state = 'DELIVERED'"
            + " AND delivered_at < ? LIMIT " + limit + ")")
        .param(Times.toDb(before)).update();
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
