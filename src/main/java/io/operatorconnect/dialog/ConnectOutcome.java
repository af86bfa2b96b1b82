package io.operatorconnect.dialog;

import io.operatorconnect.operator.Assignee;

/** How a connect action ended; the delegate turns it into variables or a BPMN error. */
public sealed interface ConnectOutcome {

  /** {@code success}: the operator has the dialog now. */
  record Connected(Assignee operator) implements ConnectOutcome {
  }

  /** {@code queued} or {@code requested}: the dialog waits for {@code operator_connected}. */
  record Waiting(DialogState state, Integer queuePosition) implements ConnectOutcome {
    public ConnectResult result() {
      return ConnectResult.waiting(state);
    }
  }

  /** {@code limit}: no operator may take the dialog now; {@code explanation} says why, operator by operator. */
  record Limit(String explanation) implements ConnectOutcome {
  }

  /** {@code banned}: the client is banned. */
  record Banned(String clientId) implements ConnectOutcome {
  }

  /** {@code error}: the action cannot work as configured. */
  record Invalid(String message) implements ConnectOutcome {
  }
}
