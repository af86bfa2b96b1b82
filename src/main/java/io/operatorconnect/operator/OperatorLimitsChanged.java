package io.operatorconnect.operator;

/** Published inside the transaction that changes an operator's limits, groups or name. */
public record OperatorLimitsChanged(String operatorId) {
}
