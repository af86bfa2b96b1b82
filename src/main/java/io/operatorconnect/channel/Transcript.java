package io.operatorconnect.channel;

import io.operatorconnect.system.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Every dialog's messages, in {@code oc_message}. */
@Repository
public class Transcript {

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Transcript(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /** Appends one line and returns it as stored, with its id; publishes {@link MessageAppended}. */
  public TranscriptMessage append(String dialogId, Sender from, String operatorId, String text) {
    Instant at = clock.instant();
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO oc_message (dialog_id, sender, operator_id, text, created_at) VALUES (?, ?, ?, ?, ?)")
        .params(dialogId, from.name(), operatorId, text, Times.toDb(at))
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    events.publishEvent(new MessageAppended(dialogId, id, from));
    return new TranscriptMessage(id, from, operatorId, text, at);
  }

  public List<TranscriptMessage> of(String dialogId) {
    return after(dialogId, 0);
  }

  /** The id of each dialog's latest line, for the dialogs that have one. */
  public Map<String, Long> lastIds(Collection<String> dialogIds) {
    Map<String, Long> last = new HashMap<>();
    if (dialogIds.isEmpty()) {
      return last;
    }
    jdbc.sql("SELECT dialog_id, MAX(id) AS last_id FROM oc_message WHERE dialog_id IN ("
            + String.join(", ", Collections.nCopies(dialogIds.size(), "?")) + ") GROUP BY dialog_id")
        .params(new ArrayList<>(dialogIds))
        .query((rs, n) -> last.put(rs.getString("dialog_id"), rs.getLong("last_id"))).list();
    return last;
  }

  /** The dialog's lines after the one with id {@code afterId} (0: all), in order. */
  public List<TranscriptMessage> after(String dialogId, long afterId) {
    return jdbc.sql("SELECT id, sender, operator_id, text, created_at FROM oc_message WHERE dialog_id = ? AND id > ?"
            + " ORDER BY id")
        .params(dialogId, afterId)
        .query((rs, n) -> new TranscriptMessage(rs.getLong("id"), Sender.valueOf(rs.getString("sender")),
            rs.getString("operator_id"), rs.getString("text"), Times.fromDb(rs, "created_at")))
        .list();
  }
}
