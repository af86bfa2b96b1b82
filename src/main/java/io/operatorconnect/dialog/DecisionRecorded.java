package io.operatorconnect.dialog;

import io.operatorconnect.routing.DecisionRecord;

/**
 * Published inside the transaction that writes a routing decision to the decision record; listeners
 * that must count only committed decisions use {@code @TransactionalEventListener}.
 *
 * @param via      what asked for the decision
 * @param decision the decision as recorded
 */
public record DecisionRecorded(String dialogId, DialogAssigned.Via via, DecisionRecord decision) {
}
