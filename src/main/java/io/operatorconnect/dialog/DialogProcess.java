package io.operatorconnect.dialog;

import io.operatorconnect.operator.Operator;
import java.util.List;
import java.util.Map;

/** What the dialog feature needs from the process engine; the {@code process} package implements it. */
public interface DialogProcess {

  /** Keys of the deployed scenarios (process definitions). */
  List<String> scenarios();

  /** Starts the scenario with business key = dialog id; returns the process instance id. */
  String start(String scenario, String dialogId, Map<String, Object> variables);

  /** Whether the dialog's scenario is waiting for {@code operator_connected} now. */
  boolean waitingForOperator(String dialogId);

  /** Correlates {@code operator_connected} with the operator's id and name and the connect variables. */
  void operatorConnected(String dialogId, Operator operator);

  /** Completes the operator's user task; false when the task no longer exists. */
  boolean completeTask(String taskId);

  /** Passes the client's message to the scenario when it waits for one ({@code client_message}). */
  void clientMessage(String dialogId, String text);
}
