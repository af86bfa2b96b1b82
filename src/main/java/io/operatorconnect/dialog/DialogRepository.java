package io.operatorconnect.dialog;

import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.system.Times;
import io.operatorconnect.system.TransactionResources;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.ResourceHolderSupport;

/**
 * Dialogs in {@code oc_dialog}: their storage and the reads by dialog (the lists of open ones are
 * {@link OpenDialogs}'). Every change of a
 * dialog's state or operator goes through the {@code mark...} methods, which take the dialog as locked
 * before the change and publish {@link DialogChanged}. The queue's reads (serving order, positions) are
 * the queue feature's ({@code queue.QueueRepository}).
 */
@Repository
public class DialogRepository {

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  DialogRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /**
   * A new dialog. Its row is the inserting transaction's alone until it commits, as if locked: a later
   * {@link #lock} in the same transaction (the scenario's connect action) finds it without locking again.
   */
  void insert(String id, String channel, String clientId, String scenario, Instant now) {
    Instant createdAt = Times.stored(now);
    jdbc.sql("""
            INSERT INTO oc_dialog (id, channel, client_id, scenario, state, created_at)
            VALUES (?, ?, ?, ?, 'BOT', ?)""")
        .params(id, channel, clientId, scenario, Times.toDb(createdAt))
        .update();
    LockedDialogs locked = lockedInThisTransaction();
    if (locked != null) {
      // the row as the insert left it, with the columns' defaults (only_online TRUE, priority 0)
      locked.rows.put(id, new Dialog(id, channel, clientId, scenario, null, DialogState.BOT, null, null, null, null,
          null, null, true, 0, null, createdAt, null, null, null, null));
    }
  }

  void setProcessInstance(String id, String processInstanceId) {
    jdbc.sql("UPDATE oc_dialog SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    changedRow(id, row -> row.withProcessInstance(processInstanceId));
  }

  /** The dialog as this transaction sees it: the row it holds locked, or else as committed. */
  public Optional<Dialog> findById(String id) {
    Dialog held = held(id);
    if (held != null) {
      return Optional.of(held);
    }
    return jdbc.sql("SELECT * FROM oc_dialog WHERE id = ?").param(id).query(DialogRepository::row).optional();
  }

  /**
   * Locks the dialog's row until the transaction ends: every change of a dialog's state happens under it.
   * One transaction often comes here several times for one dialog (closing it: the close, the operator
   * task's listener, the scenario's end); only the first locks and reads. While the lock is held nobody
   * else can change the row, and every change this transaction makes goes through this class, which
   * applies it to the row it holds too: the row is never read twice. (A lock taken inside a savepoint
   * that rolls back would be released while still remembered here: no dialog is locked or changed inside
   * one; savepoints guard only operator reservations and rotations.)
   */
  public Optional<Dialog> lock(String id) {
    Dialog held = held(id);
    if (held != null) {
      return Optional.of(held);
    }
    Optional<Dialog> dialog = jdbc.sql("SELECT * FROM oc_dialog WHERE id = ? FOR UPDATE").param(id)
        .query(DialogRepository::row).optional();
    LockedDialogs locked = lockedInThisTransaction();
    if (locked != null) {
      dialog.ifPresent(row -> locked.rows.put(id, row));
    }
    return dialog;
  }

  /** The dialogs the current transaction holds locked, or null outside a transaction. */
  private static LockedDialogs lockedInThisTransaction() {
    return TransactionResources.holder(LockedDialogs.class, LockedDialogs::new);
  }

  /** The row of the dialog as this transaction holds it; null when it holds no lock on it. */
  private static Dialog held(String id) {
    LockedDialogs locked = lockedInThisTransaction();
    return locked == null ? null : locked.rows.get(id);
  }

  /** Applies a change just written to the row this transaction holds, if it holds it. */
  private static void changedRow(String id, UnaryOperator<Dialog> change) {
    LockedDialogs locked = lockedInThisTransaction();
    if (locked != null) {
      locked.rows.computeIfPresent(id, (key, row) -> change.apply(row));
    }
  }

  /** The dialogs one transaction holds locked, as they are now, bound to it as a transaction resource. */
  private static final class LockedDialogs extends ResourceHolderSupport {

    private final Map<String, Dialog> rows = new HashMap<>();
  }

  void markTakenOver(Dialog dialog, String operatorId, Instant now) {
    allowed(DialogTransition.TAKE_OVER, dialog, DialogState.TAKEN_OVER);
    Instant assignedAt = Times.stored(now);
    jdbc.sql("""
            UPDATE oc_dialog SET state = 'TAKEN_OVER', operator_id = ?, operator_task_id = NULL,
                                 connect_result = ?, assigned_at = ?
            WHERE id = ?""")
        .params(operatorId, ConnectResult.SUCCESS.value(), Times.toDb(assignedAt), dialog.id())
        .update();
    changedRow(dialog.id(), row -> row.withState(DialogState.TAKEN_OVER, operatorId, null, ConnectResult.SUCCESS,
        row.queuedAt(), assignedAt, row.closedAt()));
    changed(dialog, DialogState.TAKEN_OVER, operatorId);
  }

  /** Another operator has the dialog now; their user task stays the same, reassigned. */
  void markHandedOver(Dialog dialog, String operatorId, Instant now) {
    allowed(DialogTransition.HAND_OVER, dialog, DialogState.TAKEN_OVER);
    Instant assignedAt = Times.stored(now);
    jdbc.sql("UPDATE oc_dialog SET state = 'TAKEN_OVER', operator_id = ?, connect_result = ?, assigned_at = ?"
            + " WHERE id = ?")
        .params(operatorId, ConnectResult.SUCCESS.value(), Times.toDb(assignedAt), dialog.id())
        .update();
    changedRow(dialog.id(), row -> row.withState(DialogState.TAKEN_OVER, operatorId, row.operatorTaskId(),
        ConnectResult.SUCCESS, row.queuedAt(), assignedAt, row.closedAt()));
    changed(dialog, DialogState.TAKEN_OVER, operatorId);
  }

  /**
   * The dialog goes back to the queue, for the subject given: its place is its original waiting time
   * (when it was first queued, or else when it was first connected), so it comes before dialogs that
   * arrived later. Its operator task stays, unassigned, for whoever is served it next; the operator who
   * had it becomes its last operator, whom the queue serves it to only when nobody else can take it.
   */
  void markRequeued(Dialog dialog, String subject) {
    allowed(DialogTransition.REQUEUE, dialog, DialogState.QUEUED);
    jdbc.sql("""
            UPDATE oc_dialog SET state = 'QUEUED', last_operator_id = COALESCE(operator_id, last_operator_id),
                                 operator_id = NULL,
                                 connect_result = ?, subject = ?,
                                 requested_operator_id = NULL, queued_at = COALESCE(queued_at, assigned_at, created_at)
            WHERE id = ?""")
        .params(ConnectResult.QUEUED.value(), subject, dialog.id())
        .update();
    changedRow(dialog.id(), row -> row
        .withLastOperator(row.operatorId() != null ? row.operatorId() : row.lastOperatorId())
        .withRequest(subject, null, row.method(), row.onlyOnline(), row.priority(), row.connectedMessage())
        .withState(DialogState.QUEUED, null, row.operatorTaskId(), ConnectResult.QUEUED,
            firstNonNull(row.queuedAt(), row.assignedAt(), row.createdAt()), row.assignedAt(), row.closedAt()));
    changed(dialog, DialogState.QUEUED, null);
  }

  /** A waiting dialog waits for another subject's operators now, in the same state and with its waiting time. */
  void moveWaiting(Dialog dialog, String subject) {
    setSubject(dialog.id(), subject);
    changed(dialog, dialog.state(), null);
  }

  void setSubject(String id, String subject) {
    jdbc.sql("UPDATE oc_dialog SET subject = ? WHERE id = ?").params(subject, id).update();
    changedRow(id, row -> row.withSubject(subject));
  }

  /**
   * Records the connect action's routing request: what the queue serves the dialog by, and what the API
   * shows. A request the held row has already (a scenario's second action with the same inputs) is not
   * written again.
   */
  void recordRequest(String id, ConnectRequest request) {
    Dialog held = held(id);
    if (held != null && held.equals(held.withRequest(request.subject(), request.assignedOperator(), request.method(),
        request.onlyOnline(), request.priority(), request.message()))) {
      return;
    }
    jdbc.sql("""
            UPDATE oc_dialog SET subject = ?, requested_operator_id = ?, method = ?, only_online = ?, priority = ?,
                                 connected_message = ?
            WHERE id = ?""")
        .params(request.subject(), request.assignedOperator(),
            request.method() == null ? null : request.method().name(), request.onlyOnline(), request.priority(),
            request.message(), id)
        .update();
    changedRow(id, row -> row.withRequest(request.subject(), request.assignedOperator(), request.method(),
        request.onlyOnline(), request.priority(), request.message()));
  }

  /** Puts the dialog in a waiting state, with that state's connect result; a waiting one keeps its place. */
  void markWaiting(Dialog dialog, DialogState state, Instant now) {
    allowed(DialogTransition.WAIT, dialog, state);
    ConnectResult result = ConnectResult.waiting(state);
    Instant queuedAt = Times.stored(now);
    jdbc.sql("""
            UPDATE oc_dialog SET state = ?, connect_result = ?, operator_id = NULL,
                                 queued_at = COALESCE(queued_at, ?)
            WHERE id = ?""")
        .params(state.name(), result.value(), Times.toDb(queuedAt), dialog.id())
        .update();
    changedRow(dialog.id(), row -> row.withState(state, null, row.operatorTaskId(), result,
        firstNonNull(row.queuedAt(), queuedAt), row.assignedAt(), row.closedAt()));
    changed(dialog, state, null);
  }

  void setConnectResult(String id, ConnectResult result) {
    jdbc.sql("UPDATE oc_dialog SET connect_result = ? WHERE id = ?").params(result.value(), id).update();
    changedRow(id, row -> row.withConnectResult(result));
  }

  /**
   * The dialog leaves the operator or the queue and goes back to the bot; it has no last operator any more (a
   * later request for one starts afresh).
   */
  void markBot(Dialog dialog) {
    allowed(DialogTransition.BACK_TO_BOT, dialog, DialogState.BOT);
    jdbc.sql("UPDATE oc_dialog SET state = 'BOT', operator_id = NULL, operator_task_id = NULL, queued_at = NULL,"
        + " last_operator_id = NULL WHERE id = ?").param(dialog.id()).update();
    changedRow(dialog.id(), row -> row.withLastOperator(null)
        .withState(DialogState.BOT, null, null, row.connectResult(), null, row.assignedAt(), row.closedAt()));
    changed(dialog, DialogState.BOT, null);
  }

  /** The dialog is over; {@code operator_id} stays as a record of who had it last. */
  void markClosed(Dialog dialog, Instant now) {
    allowed(DialogTransition.CLOSE, dialog, DialogState.CLOSED);
    Instant closedAt = Times.stored(now);
    jdbc.sql("UPDATE oc_dialog SET state = 'CLOSED', queued_at = NULL, closed_at = ? WHERE id = ?")
        .params(Times.toDb(closedAt), dialog.id()).update();
    changedRow(dialog.id(), row -> row.withState(DialogState.CLOSED, row.operatorId(), row.operatorTaskId(),
        row.connectResult(), null, row.assignedAt(), closedAt));
    changed(dialog, DialogState.CLOSED, null);
  }

  /**
   * Refuses a change the transition table does not allow, judged by the row as this transaction holds it
   * (the dialog a caller passes is as it was when locked; an earlier change in the same transaction may have
   * moved it on since).
   */
  private static void allowed(DialogTransition transition, Dialog dialog, DialogState to) {
    Dialog held = held(dialog.id());
    transition.require(held != null ? held : dialog, to);
  }

  private void changed(Dialog before, DialogState to, String toOperator) {
    events.publishEvent(new DialogChanged(before.id(), before.state(), before.operatorId(), to, toOperator));
  }

  void setOperatorTask(String id, String taskId) {
    jdbc.sql("UPDATE oc_dialog SET operator_task_id = ? WHERE id = ?").params(taskId, id).update();
    changedRow(id, row -> row.withOperatorTask(taskId));
  }

  private static Instant firstNonNull(Instant... instants) {
    return Arrays.stream(instants).filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** The dialogs of these ids that exist, as committed, in no particular order. */
  public List<Dialog> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT * FROM oc_dialog WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?"))
            + ")")
        .params(new ArrayList<>(ids)).query(DialogRepository::row).list();
  }

  /** A row of {@code oc_dialog} as a dialog, for the features that query the table for their own purposes. */
  public static Dialog row(ResultSet rs, int rowNum) throws SQLException {
    String method = rs.getString("method");
    return new Dialog(rs.getString("id"), rs.getString("channel"), rs.getString("client_id"),
        rs.getString("scenario"), rs.getString("process_instance_id"), DialogState.valueOf(rs.getString("state")),
        rs.getString("operator_id"), rs.getString("operator_task_id"), ConnectResult.of(rs.getString("connect_result")),
        rs.getString("subject"), rs.getString("requested_operator_id"),
        method == null ? null : DistributionMethod.valueOf(method), rs.getBoolean("only_online"),
        rs.getInt("priority"), rs.getString("connected_message"), Times.fromDb(rs, "created_at"),
        Times.fromDb(rs, "queued_at"), Times.fromDb(rs, "assigned_at"), Times.fromDb(rs, "closed_at"),
        rs.getString("last_operator_id"));
  }
}
