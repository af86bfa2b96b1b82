package io.operatorconnect.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Which dialog an execution belongs to: the business key of its scenario's top-level instance, which
 * {@code POST /api/dialogs} sets to the dialog id and which a called process shares through its caller.
 * Never the {@code dialog_id} variable: whoever may work a task may write variables, and a variable would
 * let them act on another operator's dialog.
 */
final class DialogIds {

  /** Why an action cannot run: its instance was not started for a dialog. */
  static final String MISSING = "no dialog: start the scenario with POST /api/dialogs, which makes the dialog id"
      + " its business key";

  private DialogIds() {
  }

  static String of(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    while (instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    String key = instance.getProcessBusinessKey();
    return key == null || key.isBlank() ? null : key;
  }
}
