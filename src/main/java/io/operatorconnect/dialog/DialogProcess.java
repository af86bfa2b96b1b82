package io.operatorconnect.dialog;

import io.operatorconnect.operator.Assignee;
import java.util.List;
import java.util.Map;

/** What the dialog feature needs from the process engine; the {@code process} package implements it. */
public interface DialogProcess {

  /** Keys of the deployed scenarios (process definitions). */
  List<String> scenarios();

  /**
   * Starts the latest version of the scenario with business key = dialog id; returns the process
   * instance id, or null when no scenario with this key is deployed and active.
   */
  String start(String scenario, String dialogId, Map<String, Object> variables);

  /**
   * Whether the dialog's scenario is waiting for {@code operator_connected} now; {@code processInstanceId}
   * is the scenario the dialog started, null when unknown.
   */
  boolean waitingForOperator(String dialogId, String processInstanceId);

  /**
   * Correlates {@code operator_connected} with the operator's id and name and the connect variables;
   * {@code processInstanceId} is the scenario the dialog started, null when unknown. False, with
   * nothing delivered, when the scenario does not wait for the message.
   */
  boolean operatorConnected(String dialogId, String processInstanceId, Assignee operator);

  /**
   * Gives the operator's user task to another operator, or to nobody ({@code operator} null: the
   * dialog waits in the queue again), and updates the scenario's {@code operator_id},
   * {@code operator_name} and {@code chat_state}.
   */
  void reassignTask(String dialogId, String taskId, Assignee operator);

  /**
   * Takes the operator's user task from its assignee because the bot has the dialog again: clears the
   * scenario's {@code operator_id} and {@code operator_name} and sets {@code chat_state} to {@code BOT}.
   */
  void unassignTaskForBot(String dialogId, String taskId);

  /** Whether the scenario waits for {@code return_to_bot} (the operator's task has such a boundary event). */
  boolean canReturnToBot(String dialogId);

  /** Correlates {@code return_to_bot}: the scenario takes the dialog back from the operator. */
  void returnToBot(String dialogId);

  /** Completes the operator's user task; false when the task no longer exists. */
  boolean completeTask(String taskId);

  /** Passes the client's message to the scenario when it waits for one ({@code client_message}). */
  void clientMessage(String dialogId, String text);

  /**
   * Ends the dialog's scenario (its client has gone): deletes the instance with the reason, running its
   * listeners; nothing happens when it has already ended.
   */
  void endScenario(String processInstanceId, String reason);

  /**
   * The scenario's variables that the analyst marked as visible to operators (the process's extension property
   * {@code operatorConnect.visibleVariables}, names separated by commas), by name in that order, with their
   * values as they stand (or stood, for a scenario that has ended); a value that is no plain text, number,
   * true/false or date is left out. Empty when nothing is marked.
   */
  Map<String, Object> visibleVariables(String processInstanceId);
}
