package io.operatorconnect.process;

import static io.operatorconnect.process.BpmnNames.CHAT_STATE;

import io.operatorconnect.dialog.ConnectOutcome;
import io.operatorconnect.dialog.ConnectRequest;
import io.operatorconnect.dialog.DialogConnector;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.system.DialogMdc;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ${connectToOperatorWithMsg}}: the "connect to operator with message" action. Reads the
 * inputs, asks {@link DialogConnector}, and writes the documented variables on the process instance;
 * {@code limit}, {@code banned} and {@code error} end it as BPMN errors with those codes.
 */
@Component("connectToOperatorWithMsg")
class ConnectToOperatorWithMsg implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(ConnectToOperatorWithMsg.class);

  private final DialogConnector connector;

  ConnectToOperatorWithMsg(DialogConnector connector) {
    this.connector = connector;
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
      request = ConnectInputs.read(execution.getVariableLocal(ConnectInputs.CONFIG), ActionVariables.inputs(execution, ConnectInputs.KEYS));
    } catch (InvalidInputs invalid) {
      throw fail(execution, dialogId, BpmnNames.ERROR_ERROR, invalid.getMessage());
    }
    if (dialogId == null) {
      throw fail(execution, null, BpmnNames.ERROR_ERROR, DialogIds.MISSING);
    }
    ConnectOutcome outcome = connector.connect(dialogId, request);
    VariableScope instance = execution.getProcessInstance();
    if (outcome instanceof ConnectOutcome.Connected connected) {
      Map<String, Object> variables = ActionVariables.outputs(dialogId, "success", connected.operator().id(),
          connected.operator().name(), null, null);
      variables.put(CHAT_STATE, DialogState.TAKEN_OVER.name());
      ActionVariables.write(instance, variables);
    } else if (outcome instanceof ConnectOutcome.Waiting waiting) {
      Map<String, Object> variables = ActionVariables.outputs(dialogId, waiting.result(), null, null, waiting.queuePosition(), null);
      variables.put(CHAT_STATE, waiting.state().name());
      ActionVariables.write(instance, variables);
    } else if (outcome instanceof ConnectOutcome.Limit limit) {
      throw fail(execution, dialogId, BpmnNames.ERROR_LIMIT, limit.explanation());
    } else if (outcome instanceof ConnectOutcome.Banned banned) {
      throw fail(execution, dialogId, BpmnNames.ERROR_BANNED, "client " + banned.clientId() + " is banned");
    } else if (outcome instanceof ConnectOutcome.Invalid invalid) {
      throw fail(execution, dialogId, BpmnNames.ERROR_ERROR, invalid.message());
    }
  }

  /** Records the outcome in the variables and returns the BPMN error to throw; the error path keeps chat_state. */
  private static BpmnError fail(DelegateExecution execution, String dialogId, String code, String message) {
    ActionVariables.write(execution.getProcessInstance(),
        ActionVariables.outputs(dialogId, code, null, null, null, BpmnNames.ERROR_ERROR.equals(code) ? message : null));
    log.info("dialog {}: connect action {} ended with {}: {}", dialogId, execution.getCurrentActivityId(), code, message);
    return new BpmnError(code, message);
  }
}
