package io.operatorconnect.process;

import static io.operatorconnect.process.BpmnNames.CHAT_STATE;
import static io.operatorconnect.process.BpmnNames.CONNECT_ERROR;
import static io.operatorconnect.process.BpmnNames.CONNECT_RESULT;
import static io.operatorconnect.process.BpmnNames.DIALOG_ID;

import io.operatorconnect.dialog.ConnectOutcome;
import io.operatorconnect.dialog.ConnectResult;
import io.operatorconnect.dialog.DialogState;
import java.util.HashMap;
import java.util.Map;

/**
 * The one mapping from an action's outcome to the documented variables (DESIGN.md, "BPMN contract"), for
 * both actions. An operator or a waiting place changes the chat and writes {@code chat_state}; a refusal
 * ({@code limit}, {@code banned}, {@code error}) leaves {@code chat_state} as it is, and the action says
 * which way it reports one ({@link Refusals}).
 */
final class OutcomeVariables {

  /** How an action reports a refusal. */
  enum Refusals {
    /**
     * The connect action: a BPMN error with the result as its code follows, whose message says why; the
     * variables say there is no operator and no place, and {@code connect_error} holds a configuration error
     * (the one refusal a modeller must fix), nothing else.
     */
    AS_BPMN_ERROR,
    /**
     * The set-chat-operator-state action: nothing happens to the chat, and no error ends the scenario;
     * {@code connect_result} and {@code connect_error} say why (no error text for {@code limit}).
     */
    CHANGE_NOTHING
  }

  private OutcomeVariables() {
  }

  /** The variables the outcome writes. */
  static Map<String, Object> of(String dialogId, ConnectOutcome outcome, Refusals refusals) {
    if (outcome instanceof ConnectOutcome.Connected connected) {
      Map<String, Object> variables = ActionVariables.outputs(dialogId, ConnectResult.SUCCESS,
          connected.operator().id(), connected.operator().name(), null, null);
      variables.put(CHAT_STATE, DialogState.TAKEN_OVER.name());
      return variables;
    }
    if (outcome instanceof ConnectOutcome.Waiting waiting) {
      Map<String, Object> variables = ActionVariables.outputs(dialogId, waiting.result(), null, null,
          waiting.queuePosition(), null);
      variables.put(CHAT_STATE, waiting.state().name());
      return variables;
    }
    ConnectResult result = result(outcome);
    if (refusals == Refusals.AS_BPMN_ERROR) {
      return ActionVariables.outputs(dialogId, result, null, null, null,
          result == ConnectResult.ERROR ? why(outcome) : null);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(DIALOG_ID, dialogId);
    variables.put(CONNECT_RESULT, result.value());
    variables.put(CONNECT_ERROR, result == ConnectResult.LIMIT ? null : why(outcome));
    return variables;
  }

  /** The outcome's {@code connect_result}. */
  static ConnectResult result(ConnectOutcome outcome) {
    if (outcome instanceof ConnectOutcome.Connected) {
      return ConnectResult.SUCCESS;
    }
    if (outcome instanceof ConnectOutcome.Waiting waiting) {
      return waiting.result();
    }
    if (outcome instanceof ConnectOutcome.Limit) {
      return ConnectResult.LIMIT;
    }
    return outcome instanceof ConnectOutcome.Banned ? ConnectResult.BANNED : ConnectResult.ERROR;
  }

  /** Why a refusal happened, in words a modeller can act on; null for an operator or a place. */
  static String why(ConnectOutcome outcome) {
    if (outcome instanceof ConnectOutcome.Limit limit) {
      return limit.explanation();
    }
    if (outcome instanceof ConnectOutcome.Banned banned) {
      return "client " + banned.clientId() + " is banned";
    }
    return outcome instanceof ConnectOutcome.Invalid invalid ? invalid.message() : null;
  }

  /** Whether the outcome is a refusal: {@code limit}, {@code banned} or {@code error}. */
  static boolean refused(ConnectOutcome outcome) {
    return !(outcome instanceof ConnectOutcome.Connected) && !(outcome instanceof ConnectOutcome.Waiting);
  }
}
