package io.operatorconnect.process;

import static io.operatorconnect.process.BpmnNames.CHAT_STATE;
import static io.operatorconnect.process.BpmnNames.CONNECT_ERROR;
import static io.operatorconnect.process.BpmnNames.CONNECT_RESULT;
import static io.operatorconnect.process.BpmnNames.DIALOG_ID;
import static io.operatorconnect.process.BpmnNames.OPERATOR_ID;
import static io.operatorconnect.process.BpmnNames.OPERATOR_NAME;
import static io.operatorconnect.process.BpmnNames.QUEUE_POSITION;

import io.operatorconnect.dialog.ConnectOutcome;
import io.operatorconnect.dialog.ConnectRequest;
import io.operatorconnect.dialog.DialogConnector;
import io.operatorconnect.dialog.DialogState;
import java.util.HashMap;
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
    ConnectRequest request;
    try {
      request = ConnectInputs.read(execution.getVariableLocal(ConnectInputs.CONFIG), separateInputs(execution));
    } catch (InvalidInputs invalid) {
      throw fail(execution, dialogId, BpmnNames.ERROR_ERROR, invalid.getMessage());
    }
    if (dialogId == null) {
      throw fail(execution, null, BpmnNames.ERROR_ERROR,
          "no dialog: start the scenario with POST /api/dialogs, or give it a dialog_id variable");
    }
    ConnectOutcome outcome = connector.connect(dialogId, request);
    VariableScope instance = execution.getProcessInstance();
    if (outcome instanceof ConnectOutcome.Connected connected) {
      Map<String, Object> variables = outputs(dialogId, "success", connected.operator().id(),
          connected.operator().name(), null, null);
      variables.put(CHAT_STATE, DialogState.TAKEN_OVER.name());
      instance.setVariables(variables);
    } else if (outcome instanceof ConnectOutcome.Waiting waiting) {
      Map<String, Object> variables = outputs(dialogId, waiting.result(), null, null, waiting.queuePosition(), null);
      variables.put(CHAT_STATE, waiting.state().name());
      instance.setVariables(variables);
    } else if (outcome instanceof ConnectOutcome.Limit limit) {
      throw fail(execution, dialogId, BpmnNames.ERROR_LIMIT, limit.explanation());
    } else if (outcome instanceof ConnectOutcome.Banned banned) {
      throw fail(execution, dialogId, BpmnNames.ERROR_BANNED, "client " + banned.clientId() + " is banned");
    } else if (outcome instanceof ConnectOutcome.Invalid invalid) {
      throw fail(execution, dialogId, BpmnNames.ERROR_ERROR, invalid.message());
    }
  }

  private static Map<String, Object> separateInputs(DelegateExecution execution) {
    Map<String, Object> inputs = new HashMap<>();
    for (String key : ConnectInputs.KEYS) {
      if (execution.hasVariableLocal(key)) {
        inputs.put(key, execution.getVariableLocal(key));
      }
    }
    return inputs;
  }

  /** Records the outcome in the variables and returns the BPMN error to throw; the error path keeps chat_state. */
  private static BpmnError fail(DelegateExecution execution, String dialogId, String code, String message) {
    execution.getProcessInstance().setVariables(
        outputs(dialogId, code, null, null, null, BpmnNames.ERROR_ERROR.equals(code) ? message : null));
    log.info("dialog {}: connect action {} ended with {}: {}", dialogId, execution.getCurrentActivityId(), code, message);
    return new BpmnError(code, message);
  }

  /** The documented variables but {@code chat_state}, which only a connection or a wait changes. */
  private static Map<String, Object> outputs(String dialogId, String result, String operatorId, String operatorName,
      Integer queuePosition, String error) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(DIALOG_ID, dialogId);
    variables.put(CONNECT_RESULT, result);
    variables.put(OPERATOR_ID, operatorId);
    variables.put(OPERATOR_NAME, operatorName);
    variables.put(QUEUE_POSITION, queuePosition);
    variables.put(CONNECT_ERROR, error);
    return variables;
  }
}
