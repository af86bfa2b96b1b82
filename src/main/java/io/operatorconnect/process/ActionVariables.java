package io.operatorconnect.process;

import static io.operatorconnect.process.BpmnNames.CONNECT_ERROR;
import static io.operatorconnect.process.BpmnNames.CONNECT_RESULT;
import static io.operatorconnect.process.BpmnNames.DIALOG_ID;
import static io.operatorconnect.process.BpmnNames.OPERATOR_ID;
import static io.operatorconnect.process.BpmnNames.OPERATOR_NAME;
import static io.operatorconnect.process.BpmnNames.QUEUE_POSITION;

import io.operatorconnect.dialog.ConnectResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What our actions read from their inputs and write back: shared by both delegates, and public for the
 * benchmark's engine floor, which makes the engine write what they make it write.
 */
public final class ActionVariables {

  private ActionVariables() {
  }

  /** The action's inputs (local variables of the task) among {@code keys}, by name; absent ones left out. */
  static Map<String, Object> inputs(DelegateExecution execution, List<String> keys) {
    Map<String, Object> inputs = new HashMap<>();
    for (String key : keys) {
      if (execution.hasVariableLocal(key)) {
        inputs.put(key, execution.getVariableLocal(key));
      }
    }
    return inputs;
  }

  /** The documented variables but {@code chat_state}, which only a change of the chat writes. */
  public static Map<String, Object> outputs(String dialogId, ConnectResult result, String operatorId, String operatorName,
      Integer queuePosition, String error) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(DIALOG_ID, dialogId);
    variables.put(CONNECT_RESULT, result == null ? null : result.value());
    variables.put(OPERATOR_ID, operatorId);
    variables.put(OPERATOR_NAME, operatorName);
    variables.put(QUEUE_POSITION, queuePosition);
    variables.put(CONNECT_ERROR, error);
    return variables;
  }

  /**
   * Writes the variables into {@code scope} as {@link VariableScope#setVariables} does, leaving out each one
   * that already holds the same value there. A write of an unchanged value is not free: the engine updates
   * the runtime row and reads and updates the variable's history row, three statements for nothing (a
   * queued dialog's actions and its {@code operator_connected} rewrote several unchanged variables each).
   * A variable that does not exist yet is written even when null, so that expressions can read it.
   */
  public static void write(VariableScope scope, Map<String, Object> variables) {
    Map<String, Object> changed = new HashMap<>();
    variables.forEach((name, value) -> {
      if (!scope.hasVariable(name) || !Objects.equals(scope.getVariable(name), value)) {
        changed.put(name, value);
      }
    });
    if (!changed.isEmpty()) {
      scope.setVariables(changed);
    }
  }
}
