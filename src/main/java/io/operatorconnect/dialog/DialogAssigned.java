package io.operatorconnect.dialog;

/**
 * Published inside the transaction that gives a dialog to an operator, right after the reservation,
 * while the operator's row is still locked. Listeners that must only see committed assignments use
 * {@code @TransactionalEventListener}.
 */
public record DialogAssigned(String dialogId, String operatorId, String channel) {
}
