package io.operatorconnect.dialog;

/**
 * Published inside the transaction that gives a dialog to an operator, right after the reservation,
 * while the operator's row is still locked. Listeners that must only see committed assignments use
 * {@code @TransactionalEventListener}.
 *
 * @param via how the dialog reached the operator
 */
public record DialogAssigned(String dialogId, String operatorId, String channel, Via via) {

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
