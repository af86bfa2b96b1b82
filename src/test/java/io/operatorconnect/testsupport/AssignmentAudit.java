package io.operatorconnect.testsupport;

import io.operatorconnect.dialog.Dialog;
import io.operatorconnect.dialog.DialogAssigned;
import io.operatorconnect.dialog.DialogRepository;
import io.operatorconnect.system.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Checks every assignment at the moment it is made, inside its transaction while the operator's row
 * is locked: the operator's dialogs, in all and on the channel, must be within the limits, and the
 * load counter must equal the dialogs. A routed new or queued dialog must also keep the queue's order: no
 * dialog with the same needs that has waited ahead of it for longer than {@link #ORDER_GRACE} may
 * still be waiting. (The grace covers the moment between a dialog being stamped into the queue and
 * its transaction committing, when no node can see it yet.) Also counts committed assignments.
 */
@TestComponent
public class AssignmentAudit {

  static final Duration ORDER_GRACE = Duration.ofSeconds(1);

  private final JdbcClient jdbc;
  private final DialogRepository dialogs;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<String> overLimit = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> committed = new ConcurrentHashMap<>();
  private final Map<String, Long> committedAtNanos = new ConcurrentHashMap<>();

  AssignmentAudit(JdbcClient jdbc, DialogRepository dialogs) {
    this.jdbc = jdbc;
    this.dialogs = dialogs;
  }

  /** Set while this thread runs the audit's own statements, so that a count of the application's can leave them out. */
  private static final ThreadLocal<Boolean> CHECKING = ThreadLocal.withInitial(() -> false);

  /** Whether the current thread is inside the audit's check (its statements are the test's, not the application's). */
  public static boolean checking() {
    return CHECKING.get();
  }

  @EventListener
  void checkInsideTheAssigningTransaction(DialogAssigned assigned) {
    CHECKING.set(true);
    try {
      check(assigned);
    } finally {
      CHECKING.set(false);
    }
  }

  private void check(DialogAssigned assigned) {
    String operator = assigned.operatorId();
    int max = jdbc.sql("SELECT max_dialogs FROM oc_operator WHERE id = ?").param(operator).query(Integer.class).single();
    int counter = jdbc.sql("SELECT active_dialogs FROM oc_operator WHERE id = ?").param(operator)
        .query(Integer.class).single();
    int open = jdbc.sql("SELECT COUNT(*) FROM oc_dialog WHERE operator_id = ? AND state = 'TAKEN_OVER'")
        .param(operator).query(Integer.class).single();
    if (open > max) {
      limitBroken(operator + " has " + open + " dialogs, limit " + max + " (dialog " + assigned.dialogId() + ")");
    }
    if (counter != open) {
      violations.add(operator + " counts " + counter + " active dialogs but has " + open);
    }
    jdbc.sql("SELECT max_dialogs FROM oc_operator_channel_limit WHERE operator_id = ? AND channel = ?")
        .params(operator, assigned.channel()).query(Integer.class).optional().ifPresent(channelMax -> {
          int onChannel = jdbc.sql("SELECT COUNT(*) FROM oc_dialog WHERE operator_id = ? AND channel = ?"
              + " AND state = 'TAKEN_OVER'").params(operator, assigned.channel()).query(Integer.class).single();
          if (onChannel > channelMax) {
            limitBroken(operator + " has " + onChannel + " dialogs on " + assigned.channel() + ", limit " + channelMax);
          }
        });
    if (assigned.via() == DialogAssigned.Via.CONNECT_ACTION || assigned.via() == DialogAssigned.Via.QUEUE) {
      checkQueueOrder(assigned);
    }
  }

  private void limitBroken(String violation) {
    overLimit.add(violation);
    violations.add(violation);
  }

  private void checkQueueOrder(DialogAssigned assigned) {
    Dialog dialog = dialogs.findById(assigned.dialogId()).orElseThrow();
    String ahead = dialog.queuedAt() == null
        ? "priority >= " + dialog.priority()
        : "(priority > " + dialog.priority() + " OR (priority = " + dialog.priority() + " AND queued_at < ?))";
    String sql = "SELECT id FROM oc_dialog WHERE state = 'QUEUED' AND id <> ? AND channel = ?"
        + " AND COALESCE(subject, '') = ? AND COALESCE(requested_operator_id, '') = ? AND only_online = ?"
        + " AND queued_at < ? AND " + ahead;
    List<Object> params = new ArrayList<>(List.of(dialog.id(), dialog.channel(),
        Objects.toString(dialog.subject(), ""), Objects.toString(dialog.requestedOperatorId(), ""),
        dialog.onlyOnline(), Times.toDb(Instant.now().minus(ORDER_GRACE))));
    if (dialog.queuedAt() != null) {
      params.add(Times.toDb(dialog.queuedAt()));
    }
    List<String> overtaken = jdbc.sql(sql).params(params).query(String.class).list();
    if (!overtaken.isEmpty()) {
      violations.add("dialog " + dialog.id() + " (" + assigned.via() + ") overtook " + overtaken
          + ", which waited ahead of it with the same needs");
    }
  }

  @TransactionalEventListener
  void countCommitted(DialogAssigned assigned) {
    committed.computeIfAbsent(assigned.dialogId(), id -> new AtomicInteger()).incrementAndGet();
    committedAtNanos.put(assigned.dialogId(), System.nanoTime());
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** The violations in which an operator held more dialogs than their limit or a channel limit allows. */
  public List<String> limitViolations() {
    return List.copyOf(overLimit);
  }

  /** Dialogs that were given to an operator more than once. */
  public List<String> assignedTwice() {
    return committed.entrySet().stream().filter(entry -> entry.getValue().get() > 1).map(Map.Entry::getKey).toList();
  }

  public int committedAssignments() {
    return committed.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** {@link System#nanoTime()} when the dialog's assignment committed, or null. */
  public Long committedAt(String dialogId) {
    return committedAtNanos.get(dialogId);
  }

  void reset() {
    violations.clear();
    overLimit.clear();
    committed.clear();
    committedAtNanos.clear();
  }
}
