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
    ACCEPT
  }
}
