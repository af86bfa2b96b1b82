package io.operatorconnect.dialog;

import io.operatorconnect.system.Times;
import io.operatorconnect.system.TransactionMemo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Clients who get the {@code banned} outcome instead of an operator, for good or until a given time. */
@Repository
public class BannedClients {

  /** A ban as {@code GET /api/bans} shows it; {@code until} is null for a ban without an end. */
  public record Ban(String clientId, String reason, Instant until, String bannedBy, Instant bannedAt) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  BannedClients(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Whether the client is banned now (a ban past its end no longer bans); asked once per transaction. */
  public boolean isBanned(String clientId) {
    return TransactionMemo.get(BannedClients.class, clientId, () -> ban(clientId).isPresent());
  }

  /** The client's ban in force now, if any. */
  Optional<Ban> ban(String clientId) {
    return jdbc.sql(SELECT + " WHERE client_id = ? AND (banned_until IS NULL OR banned_until > ?)")
        .params(clientId, Times.toDb(clock.instant())).query(BannedClients::row).optional();
  }

  /** The bans in force now, the newest first. */
  List<Ban> list() {
    return jdbc.sql(SELECT + " WHERE banned_until IS NULL OR banned_until > ? ORDER BY banned_at DESC, client_id")
        .param(Times.toDb(clock.instant())).query(BannedClients::row).list();
  }

  /**
   * Bans the client until {@code until} (null: until unbanned), or changes the reason and end of their ban in
   * force. Returns whether a new ban was made (an expired one is replaced by it).
   */
  boolean ban(String clientId, String reason, Instant until, String bannedBy) {
    TransactionMemo.forget(BannedClients.class);
    Instant now = clock.instant();
    boolean inForce = ban(clientId).isPresent();
    if (inForce) {
      jdbc.sql("UPDATE oc_banned_client SET reason = ?, banned_until = ? WHERE client_id = ?")
          .params(reason, Times.toDb(until), clientId).update();
      return false;
    }
    jdbc.sql("DELETE FROM oc_banned_client WHERE client_id = ?").param(clientId).update(); // an expired ban
    jdbc.sql("INSERT INTO oc_banned_client (client_id, reason, banned_at, banned_until, banned_by)"
            + " VALUES (?, ?, ?, ?, ?)")
        .params(clientId, reason, Times.toDb(now), Times.toDb(until), bannedBy).update();
    return true;
  }

  /** Lifts the client's ban in force; false when there is none (an expired one is cleared all the same). */
  boolean unban(String clientId) {
    TransactionMemo.forget(BannedClients.class);
    boolean inForce = ban(clientId).isPresent();
    jdbc.sql("DELETE FROM oc_banned_client WHERE client_id = ?").param(clientId).update();
    return inForce;
  }

  private static final String SELECT =
      "SELECT client_id, reason, banned_until, banned_by, banned_at FROM oc_banned_client";

  private static Ban row(ResultSet rs, int rowNum) throws SQLException {
    return new Ban(rs.getString("client_id"), rs.getString("reason"), Times.fromDb(rs, "banned_until"),
        rs.getString("banned_by"), Times.fromDb(rs, "banned_at"));
  }
}
