package io.operatorconnect.dialog;

/**
 * Published inside the transaction that changes a dialog's state or operator (by {@link DialogRepository},
 * under the dialog's row lock). Listeners that tell people about it use {@code @TransactionalEventListener},
 * so that a rolled-back change is never announced.
 *
 * @param fromOperator who had the dialog before, null for nobody
 * @param toOperator   who has it now, null for nobody
 */
public record DialogChanged(String dialogId, DialogState from, String fromOperator, DialogState to,
    String toOperator) {

  /** The dialog joined or left the dialogs waiting for an operator (Requested, In Queue). */
  public boolean waitingChanged() {
    return from.waiting() || to.waiting();
  }

  /** The dialog left {@code fromOperator}: closed, transferred, redistributed, returned to the queue or the bot. */
  public boolean leftOperator() {
    return fromOperator != null && !fromOperator.equals(toOperator);
  }
}
