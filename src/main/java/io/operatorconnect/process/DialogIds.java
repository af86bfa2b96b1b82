package io.operatorconnect.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Which dialog an execution belongs to: its {@code dialog_id} variable, else its business key. */
final class DialogIds {

  /** Why an action cannot run: its instance has neither a {@code dialog_id} variable nor a business key. */
  static final String MISSING = "no dialog: start the scenario with POST /api/dialogs, or give it a dialog_id variable";

  private DialogIds() {
  }

  static String of(DelegateExecution execution) {
    Object id = execution.getVariable(BpmnNames.DIALOG_ID);
    if (id instanceof String text && !text.isBlank()) {
      return text;
    }
    return execution.getProcessBusinessKey();
  }
}
