package io.operatorconnect.operator;

/** Published in the transaction that sets an operator OFFLINE; their dialogs may have to move. */
public record OperatorWentOffline(String operatorId) {
}
