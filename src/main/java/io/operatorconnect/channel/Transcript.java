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

  /**
   * Where a dialog's conversation stands for an operator: the latest line, how many of the client's lines they
   * have not read, and since when the client has waited for an answer (their first line after the last
   * operator's line; null when the operator spoke last or the client said nothing).
   */
  public record Conversation(TranscriptMessage last, int unread, Instant awaitingAnswerSince) {
  }

  /**
   * The conversations of the dialogs, for the operator whose read marks count ({@code oc_read_mark}): three
   * queries whatever the number of dialogs. Dialogs without a line are not in the map.
   */
  public Map<String, Conversation> conversations(Collection<String> dialogIds, String operatorId) {
    if (dialogIds.isEmpty()) {
      return Map.of();
    }
    Map<String, TranscriptMessage> last = lastLines(dialogIds);
    Map<String, Integer> unread = new HashMap<>();
    List<Object> params = new ArrayList<>();
    params.add(operatorId);
    params.addAll(dialogIds);
    jdbc.sql("SELECT m.dialog_id, COUNT(*) FROM oc_message m LEFT JOIN oc_read_mark r ON r.dialog_id = m.dialog_id"
            + " AND r.operator_id = ? WHERE m.dialog_id IN (" + marks(dialogIds) + ") AND m.sender = 'CLIENT'"
            + " AND m.id > COALESCE(r.message_id, 0) GROUP BY m.dialog_id")
        .params(params)
        .query((rs, n) -> unread.put(rs.getString(1), rs.getInt(2))).list();
    Map<String, Instant> awaiting = awaitingAnswerSince(dialogIds);
    Map<String, Conversation> conversations = new HashMap<>();
    last.forEach((dialogId, line) -> conversations.put(dialogId,
        new Conversation(line, unread.getOrDefault(dialogId, 0), awaiting.get(dialogId))));
    return conversations;
  }

  /** Each dialog's latest line, for the dialogs that have one: one query. */
  public Map<String, TranscriptMessage> lastLines(Collection<String> dialogIds) {
    Map<String, TranscriptMessage> last = new HashMap<>();
    if (dialogIds.isEmpty()) {
      return last;
    }
    jdbc.sql("SELECT m.* FROM oc_message m WHERE m.id IN (SELECT MAX(l.id) FROM oc_message l WHERE l.dialog_id IN ("
            + marks(dialogIds) + ") GROUP BY l.dialog_id)")
        .params(List.copyOf(dialogIds))
        .query((rs, n) -> last.put(rs.getString("dialog_id"), line(rs, n))).list();
    return last;
  }

  /**
   * Since when each dialog's client has waited for an answer: their first line after the last operator's line
   * (whoever the operator was). Dialogs whose operator spoke last, or whose client said nothing, are not in the
   * map. One query.
   */
  public Map<String, Instant> awaitingAnswerSince(Collection<String> dialogIds) {
    Map<String, Instant> awaiting = new HashMap<>();
    if (dialogIds.isEmpty()) {
      return awaiting;
    }
    jdbc.sql("SELECT m.dialog_id, MIN(m.created_at) AS since FROM oc_message m WHERE m.dialog_id IN ("
            + marks(dialogIds) + ") AND m.sender = 'CLIENT' AND m.id > COALESCE((SELECT MAX(o.id) FROM oc_message o"
            + " WHERE o.dialog_id = m.dialog_id AND o.sender = 'OPERATOR'), 0) GROUP BY m.dialog_id")
        .params(List.copyOf(dialogIds))
        .query((rs, n) -> awaiting.put(rs.getString(1), Times.fromDb(rs, "since"))).list();
    return awaiting;
  }

  private static String marks(Collection<?> values) {
    return String.join(", ", Collections.nCopies(values.size(), "?"));
  }

  /** The id of each dialog's latest line, for the dialogs that have one. */
  public Map<String, Long> lastIds(Collection<String> dialogIds) {
    Map<String, Long> last = new HashMap<>();
    if (dialogIds.isEmpty()) {
      return last;
    }
    jdbc.sql("SELECT dialog_id, MAX(id) AS last_id FROM oc_message WHERE dialog_id IN ("
            + marks(dialogIds) + ") GROUP BY dialog_id")
        .params(new ArrayList<>(dialogIds))
        .query((rs, n) -> last.put(rs.getString("dialog_id"), rs.getLong("last_id"))).list();
    return last;
  }

  /** The dialog's lines after the one with id {@code afterId} (0: all), in order. */
  public List<TranscriptMessage> after(String dialogId, long afterId) {
    return jdbc.sql("SELECT id, sender, operator_id, text, created_at FROM oc_message WHERE dialog_id = ? AND id > ?"
            + " ORDER BY id")
        .params(dialogId, afterId)
        .query(Transcript::line)
        .list();
  }

  private static TranscriptMessage line(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
    return new TranscriptMessage(rs.getLong("id"), Sender.valueOf(rs.getString("sender")), rs.getString("operator_id"),
        rs.getString("text"), Times.fromDb(rs, "created_at"));
  }
}
