package io.operatorconnect.operator;

/**
 * Published inside the transaction that creates an operator or changes their data or status (not
 * their load: a dialog coming or going publishes {@code dialog.DialogChanged}); the operator panel's
 * administrators see it once it has committed.
 */
public record OperatorChanged(String operatorId) {
}
