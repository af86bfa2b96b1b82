package io.operatorconnect.operator;

import io.operatorconnect.routing.OperatorStatus;

/** Published inside the transaction that gives an operator a status that receives dialogs, or creates them with one. */
public record OperatorCameOnline(String operatorId, OperatorStatus status) {
}
