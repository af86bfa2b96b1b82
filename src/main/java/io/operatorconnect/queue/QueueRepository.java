package io.operatorconnect.queue;

import io.operatorconnect.dialog.Dialog;
import io.operatorconnect.dialog.DialogRepository;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.QueuePlaces;
import io.operatorconnect.system.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The waiting queue's reads: the QUEUED dialogs of {@code oc_dialog} in serving order (higher priority
 * first, then longest waiting, then id), positions, what waits ahead, and the figures of the wait estimate.
 * A dialog enters and leaves the queue by its state, which the dialog feature changes.
 */
@Repository
public class QueueRepository implements QueuePlaces {

  private static final String SERVING_ORDER = " ORDER BY priority DESC, queued_at, id";

  private final JdbcClient jdbc;

  QueueRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The queue in serving order, at most {@code limit} dialogs. */
  public List<Dialog> queued(int limit) {
    return jdbc.sql("SELECT * FROM oc_dialog WHERE state = 'QUEUED'" + SERVING_ORDER + " LIMIT ?").param(limit)
        .query(DialogRepository::row).list();
  }

  /** The queued dialogs that come after {@code last} in serving order, at most {@code limit} (keyset paging). */
  public List<Dialog> queuedAfter(Dialog last, int limit) {
    return jdbc.sql("""
            SELECT * FROM oc_dialog
            WHERE state = 'QUEUED' AND (priority < ? OR (priority = ? AND (queued_at > ? OR (queued_at = ? AND id > ?))))"""
            + SERVING_ORDER + " LIMIT ?")
        .params(last.priority(), last.priority(), Times.toDb(last.queuedAt()), Times.toDb(last.queuedAt()), last.id(),
            limit)
        .query(DialogRepository::row).list();
  }

  /** 1 for the head of the queue; empty for a dialog that is not queued. */
  @Override
  public Optional<Integer> queuePosition(Dialog dialog) {
    return position(dialog, false);
  }

  /** 1 for the first queued dialog of the dialog's subject (or of those without one); empty when not queued. */
  public Optional<Integer> queuePositionInSubject(Dialog dialog) {
    return position(dialog, true);
  }

  private Optional<Integer> position(Dialog dialog, boolean sameSubjectOnly) {
    if (dialog.state() != DialogState.QUEUED) {
      return Optional.empty();
    }
    String sql = """
        SELECT COUNT(*) FROM oc_dialog
        WHERE state = 'QUEUED' AND (priority > ? OR (priority = ? AND (queued_at < ? OR (queued_at = ? AND id < ?))))""";
    List<Object> params = new ArrayList<>(Arrays.asList(dialog.priority(), dialog.priority(),
        Times.toDb(dialog.queuedAt()), Times.toDb(dialog.queuedAt()), dialog.id()));
    if (sameSubjectOnly && dialog.subject() == null) {
      sql += " AND subject IS NULL";
    } else if (sameSubjectOnly) {
      sql += " AND subject = ?";
      params.add(dialog.subject());
    }
    int ahead = jdbc.sql(sql).params(params).query(Integer.class).single();
    return Optional.of(ahead + 1);
  }

  /**
   * How long the most recently closed dialogs took from their (last) assignment to an operator to
   * their close, newest first, at most {@code limit}; of one subject, or of all subjects when
   * {@code subject} is null. Dialogs that never reached an operator are left out. {@code operator_id} is
   * not asked for: a dialog that goes back to the bot loses it before the scenario closes the dialog,
   * and the time the bot kept it then counts too (none where the scenario ends after the operator's task).
   */
  public List<Duration> recentHandlingTimes(String subject, int limit) {
    String sql = """
        SELECT assigned_at, closed_at FROM oc_dialog
        WHERE state = 'CLOSED' AND assigned_at IS NOT NULL AND closed_at IS NOT NULL""";
    var query = subject == null
        ? jdbc.sql(sql + " ORDER BY state, closed_at DESC LIMIT ?").param(limit)
        : jdbc.sql(sql + " AND subject = ? ORDER BY state, closed_at DESC LIMIT ?").params(subject, limit);
    return query.query((rs, n) -> Duration.between(Times.fromDb(rs, "assigned_at"), Times.fromDb(rs, "closed_at")))
        .list();
  }

  /** How many dialogs of a subject (null: without one) wait in the queue, and since when the longest-waiting one. */
  public record QueuedSubject(String subject, int dialogs, Instant oldestQueuedAt) {
  }

  /** The queue by subject, in one aggregate over the QUEUED dialogs (an index range, however many dialogs closed). */
  public List<QueuedSubject> queuedBySubject() {
    return jdbc.sql("SELECT subject, COUNT(*) AS dialogs, MIN(queued_at) AS oldest FROM oc_dialog WHERE state = 'QUEUED'"
            + " GROUP BY subject")
        .query((rs, n) -> new QueuedSubject(rs.getString("subject"), rs.getInt("dialogs"), Times.fromDb(rs, "oldest")))
        .list();
  }

  /** Queued dialogs that a new dialog of this subject and channel must not overtake. */
  @Override
  public int waitingAhead(String subject, String channel, int priority) {
    String sql = "SELECT COUNT(*) FROM oc_dialog WHERE state = 'QUEUED' AND channel = ? AND priority >= ? AND subject";
    var query = subject == null
        ? jdbc.sql(sql + " IS NULL").params(channel, priority)
        : jdbc.sql(sql + " = ?").params(channel, priority, subject);
    return query.query(Integer.class).single();
  }
}
