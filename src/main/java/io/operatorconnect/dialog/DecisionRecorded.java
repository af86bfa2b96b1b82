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

  /** The {@link #method()} of an operator a person chose: an accept, a transfer to a named operator, Tasklist. */
  public static final String BY_HAND = "BY_HAND";
  /** The {@link #method()} of a decision in which no method came into play: nobody was eligible, or the request was invalid. */
  public static final String NO_METHOD = "NONE";

  /**
   * How the operator was chosen, as the metrics and the log line name it: the router's distribution
   * method for a ranked choice, else {@value #BY_HAND} or {@value #NO_METHOD}.
   */
  public String method() {
    if (decision.method() != null) {
      return decision.method().name();
    }
    return decision.outcome() == DecisionRecord.Outcome.ASSIGNED ? BY_HAND : NO_METHOD;
  }
}
