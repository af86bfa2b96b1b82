package io.operatorconnect.dialog;

import java.time.Duration;
import java.time.Instant;

/**
 * Published inside the transaction that gives a dialog to an operator, right after the reservation,
 * while the operator's row is still locked. Listeners that must only see committed assignments use
 * {@code @TransactionalEventListener}.
 *
 * @param subject      the subject (operator group) the dialog was routed by when it was assigned, or null
 * @param via          how the dialog reached the operator
 * @param waitingSince when the dialog started waiting for this operator: when it was queued or
 *                     requested (a dialog put back in the queue keeps its original waiting time), the
 *                     assignment itself for a dialog connected at once, null for a dialog handed over
 *                     from another operator (it never went without one)
 * @param assignedAt   when the dialog was given to the operator
 * @param operatorName the operator's name, as the client is told it
 */
public record DialogAssigned(String dialogId, String operatorId, String channel, String subject, Via via,
    Instant waitingSince, Instant assignedAt, String operatorName) {

  /**
   * How long the dialog waited for this operator; null for a hand-over. Never negative: a dialog
   * queued on one node and served on another spans two clocks, which may disagree by a little.
   */
  public Duration waited() {
    if (waitingSince == null) {
      return null;
    }
    Duration waited = Duration.between(waitingSince, assignedAt);
    return waited.isNegative() ? Duration.ZERO : waited;
  }

  /** The ways a dialog reaches an operator. */
  public enum Via {
    /** Routed by the connect action, at once. */
    CONNECT_ACTION,
    /** Routed from the waiting queue when a slot freed. */
    QUEUE,
    /** Taken by the operator by hand. */
    ACCEPT,
    /** Handed over by the operator who had it, or reassigned in Tasklist. */
    TRANSFER,
    /** Moved from an operator who went offline or was asked to give up their dialogs. */
    REDISTRIBUTION,
    /** Taken over by the scenario's set-chat-operator-state action. */
    TAKEOVER
  }
}
