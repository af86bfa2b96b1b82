package io.operatorconnect.channel;

import io.operatorconnect.system.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Every dialog's messages, in {@code oc_message}. */
@Repository
public class Transcript {

  private final JdbcClient jdbc;
  private final Clock clock;

  Transcript(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Appends one line and returns it as stored, with its id. */
  public TranscriptMessage append(String dialogId, Sender from, String operatorId, String text) {
    Instant at = clock.instant();
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO oc_message (dialog_id, sender, operator_id, text, created_at) VALUES (?, ?, ?, ?, ?)")
        .params(dialogId, from.name(), operatorId, text, Times.toDb(at))
        .update(key, "id");
    return new TranscriptMessage(key.getKeyAs(Number.class).longValue(), from, operatorId, text, at);
  }

  public List<TranscriptMessage> of(String dialogId) {
    return jdbc.sql("SELECT id, sender, operator_id, text, created_at FROM oc_message WHERE dialog_id = ? ORDER BY id")
        .param(dialogId)
        .query((rs, n) -> new TranscriptMessage(rs.getLong("id"), Sender.valueOf(rs.getString("sender")),
            rs.getString("operator_id"), rs.getString("text"), Times.fromDb(rs, "created_at")))
        .list();
  }
}
