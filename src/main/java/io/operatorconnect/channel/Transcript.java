package io.operatorconnect.channel;

import io.operatorconnect.system.Times;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  public void append(String dialogId, Sender from, String operatorId, String text) {
    jdbc.sql("INSERT INTO oc_message (dialog_id, sender, operator_id, text, created_at) VALUES (?, ?, ?, ?, ?)")
        .params(dialogId, from.name(), operatorId, text, Times.toDb(clock.instant()))
        .update();
  }

  public List<TranscriptMessage> of(String dialogId) {
    return jdbc.sql("SELECT id, sender, operator_id, text, created_at FROM oc_message WHERE dialog_id = ? ORDER BY id")
        .param(dialogId)
        .query((rs, n) -> new TranscriptMessage(rs.getLong("id"), Sender.valueOf(rs.getString("sender")),
            rs.getString("operator_id"), rs.getString("text"), Times.fromDb(rs, "created_at")))
        .list();
  }
}
