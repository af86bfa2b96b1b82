package io.operatorconnect.operator;

/** Published inside the transaction that frees one of the operator's slots (a dialog closed, left or moved on). */
public record SlotFreed(String operatorId, String cause) {
}
