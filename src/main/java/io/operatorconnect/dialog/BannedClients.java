package io.operatorconnect.dialog;

import io.operatorconnect.system.Times;
import io.operatorconnect.system.TransactionMemo;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Clients who get the {@code banned} outcome instead of an operator. */
@Repository
public class BannedClients {

  private final JdbcClient jdbc;

  BannedClients(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether the client is banned; asked once per transaction ({@link TransactionMemo}). */
  public boolean isBanned(String clientId) {
    return TransactionMemo.get(BannedClients.class, clientId, () -> jdbc.sql(
            "SELECT COUNT(*) FROM oc_banned_client WHERE client_id = ?").param(clientId)
        .query(Integer.class).single() > 0);
  }

  /** Bans the client; banning twice keeps the first ban. Returns whether a new ban was made. */
  boolean ban(String clientId, String reason, Instant now) {
    if (isBanned(clientId)) {
      return false;
    }
    TransactionMemo.forget(BannedClients.class);
    jdbc.sql("INSERT INTO oc_banned_client (client_id, reason, banned_at) VALUES (?, ?, ?)")
        .params(clientId, reason, Times.toDb(now)).update();
    return true;
  }

  boolean unban(String clientId) {
    TransactionMemo.forget(BannedClients.class);
    return jdbc.sql("DELETE FROM oc_banned_client WHERE client_id = ?").param(clientId).update() > 0;
  }
}
