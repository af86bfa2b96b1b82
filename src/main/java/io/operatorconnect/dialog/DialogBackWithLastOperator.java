package io.operatorconnect.dialog;

/**
 * Published inside the transaction that serves a dialog from the queue back to the operator who gave it
 * back, because nobody else could take it; the client is not told again who joined.
 */
public record DialogBackWithLastOperator(String dialogId, String operatorId) {
}
