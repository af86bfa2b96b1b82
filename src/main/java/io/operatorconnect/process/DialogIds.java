package io.operatorconnect.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Which dialog an execution belongs to: its {@code dialog_id} variable, else its business key. */
final class DialogIds {

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
