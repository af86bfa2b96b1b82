package io.operatorconnect.testsupport;

import io.operatorconnect.dialog.DialogAssigned;
import java.util.List;
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
 * load counter must equal the dialogs. Also counts committed assignments per dialog.
 */
@TestComponent
public class AssignmentAudit {

  private final JdbcClient jdbc;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> committed = new ConcurrentHashMap<>();
  private final Map<String, Long> committedAtNanos = new ConcurrentHashMap<>();

  AssignmentAudit(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener
  void checkInsideTheAssigningTransaction(DialogAssigned assigned) {
    String operator = assigned.operatorId();
    int max = jdbc.sql("SELECT max_dialogs FROM oc_operator WHERE id = ?").param(operator).query(Integer.class).single();
    int counter = jdbc.sql("SELECT active_dialogs FROM oc_operator WHERE id = ?").param(operator)
        .query(Integer.class).single();
    int open = jdbc.sql("SELECT COUNT(*) FROM oc_dialog WHERE operator_id = ? AND state = 'TAKEN_OVER'")
        .param(operator).query(Integer.class).single();
    if (open > max) {
      violations.add(operator + " has " + open + " dialogs, limit " + max + " (dialog " + assigned.dialogId() + ")");
    }
    if (counter != open) {
      violations.add(operator + " counts " + counter + " active dialogs but has " + open);
    }
    jdbc.sql("SELECT max_dialogs FROM oc_operator_channel_limit WHERE operator_id = ? AND channel = ?")
        .params(operator, assigned.channel()).query(Integer.class).optional().ifPresent(channelMax -> {
          int onChannel = jdbc.sql("SELECT COUNT(*) FROM oc_dialog WHERE operator_id = ? AND channel = ?"
              + " AND state = 'TAKEN_OVER'").params(operator, assigned.channel()).query(Integer.class).single();
          if (onChannel > channelMax) {
            violations.add(operator + " has " + onChannel + " dialogs on " + assigned.channel() + ", limit " + channelMax);
          }
        });
  }

  @TransactionalEventListener
  void countCommitted(DialogAssigned assigned) {
    committed.computeIfAbsent(assigned.dialogId(), id -> new AtomicInteger()).incrementAndGet();
    committedAtNanos.put(assigned.dialogId(), System.nanoTime());
  }

  public List<String> violations() {
    return List.copyOf(violations);
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
    committed.clear();
    committedAtNanos.clear();
  }
}
