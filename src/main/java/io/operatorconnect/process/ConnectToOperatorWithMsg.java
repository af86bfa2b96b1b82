package io.operatorconnect.process;

import io.operatorconnect.dialog.ConnectOutcome;
import io.operatorconnect.dialog.ConnectRequest;
import io.operatorconnect.dialog.ScenarioActions;
import io.operatorconnect.dialog.ConnectResult;
import io.operatorconnect.system.DialogMdc;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ${connectToOperatorWithMsg}}: the "connect to operator with message" action. Reads the
 * inputs, asks {@link ScenarioActions}, and writes the documented variables on the process instance;
 * {@code limit}, {@code banned} and {@code error} end it as BPMN errors with those codes.
 */
@Component("connectToOperatorWithMsg")
class ConnectToOperatorWithMsg implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(ConnectToOperatorWithMsg.class);

  private final ScenarioActions actions;

  ConnectToOperatorWithMsg(ScenarioActions actions) {
    this.actions = actions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String dialogId = DialogIds.of(execution);
    try (var ignored = DialogMdc.put(dialogId)) {
      connect(execution, dialogId);
    }
  }

  private void connect(DelegateExecution execution, String dialogId) {
    ConnectRequest request;
    try {
      request = ConnectInputs.read(execution.getVariableLocal(ConnectInputs.CONFIG),
          ActionVariables.inputs(execution, ConnectInputs.KEYS));
    } catch (InvalidInputs invalid) {
      if (dialogId != null) {
        actions.refusedConfiguration(dialogId, invalid.getMessage());
      }
      throw report(execution, dialogId, new ConnectOutcome.Invalid(invalid.getMessage()));
    }
    if (dialogId == null) {
      throw report(execution, null, new ConnectOutcome.Invalid(DialogIds.MISSING));
    }
    BpmnError refusal = report(execution, dialogId, actions.connect(dialogId, request));
    if (refusal != null) {
      throw refusal;
    }
  }

  /**
   * Writes the outcome's variables on the process instance; for a refusal, returns the BPMN error to throw
   * (its code the result, its message why), with {@code chat_state} left as it was.
   */
  private static BpmnError report(DelegateExecution execution, String dialogId, ConnectOutcome outcome) {
    ActionVariables.write(execution.getProcessInstance(),
        OutcomeVariables.of(dialogId, outcome, OutcomeVariables.Refusals.AS_BPMN_ERROR));
    if (!OutcomeVariables.refused(outcome)) {
      return null;
    }
    ConnectResult code = OutcomeVariables.result(outcome);
    String message = OutcomeVariables.why(outcome);
    log.info("dialog {}: connect action {} ended with {}: {}", dialogId, execution.getCurrentActivityId(), code,
        message);
    return new BpmnError(code.value(), message);
  }
}
