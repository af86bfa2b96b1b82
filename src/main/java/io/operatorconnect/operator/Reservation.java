package io.operatorconnect.operator;

import io.operatorconnect.routing.SkipReason;

/** The result of trying to take one of an operator's slots: the operator, or why not. */
public record Reservation(Assignee operator, SkipReason refusal) {

  static Reservation of(Assignee operator) {
    return new Reservation(operator, null);
  }

  static Reservation refused(SkipReason reason) {
    return new Reservation(null, reason);
  }

  public boolean reserved() {
    return operator != null;
  }
}
