package io.operatorconnect.process;

import static io.operatorconnect.process.BpmnNames.CHAT_STATE;
import static io.operatorconnect.process.BpmnNames.DIALOG_ID;
import static io.operatorconnect.process.BpmnNames.OPERATOR_ID;
import static io.operatorconnect.process.BpmnNames.OPERATOR_NAME;
import static io.operatorconnect.process.BpmnNames.QUEUE_POSITION;

import io.operatorconnect.dialog.ConnectOutcome;
import io.operatorconnect.dialog.ScenarioActions;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.process.ChatOperatorStateInputs.Assign;
import io.operatorconnect.process.ChatOperatorStateInputs.Request;
import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.system.DialogMdc;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ${setChatOperatorState}}: the "set chat operator state" action of the second product.
 * <ul>
 *   <li>{@code REQUEST_OPERATOR}: the dialog waits for an operator to take it ({@code chat_state}
 *       {@code REQUESTED}); model a wait for {@code operator_connected} after it.</li>
 *   <li>{@code OPERATOR_TAKEOVER}: an operator takes control, chosen by {@code assign}: {@code RANDOM}
 *       (the default; inside {@code group} when given), {@code LESS_BUSY} (fewest dialogs, ties random)
 *       or {@code SPECIFIC} ({@code operator}), within their limits; {@code only_online: false} lets AWAY
 *       operators be chosen too. Client messages then go to the operator, not the bot. When nobody is
 *       available nothing changes: {@code chat_state} keeps its value and {@code connect_result} is
 *       {@code limit}.</li>
 *   <li>{@code CHATBOT_CONTROLLED}: the bot has the chat again ({@code operator_id}, {@code operator_name} and
 *       {@code queue_position} cleared); an operator's slot is freed, a waiting dialog leaves the queue.</li>
 * </ul>
 * Inputs it cannot use (an unknown operator or group, a banned client) change nothing either and say
 * why in {@code connect_result} ({@code error}, {@code banned}) and {@code connect_error}; the action
 * never ends the scenario with an error.
 */
@Component("setChatOperatorState")
class SetChatOperatorState implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(SetChatOperatorState.class);

  private final ScenarioActions actions;

  SetChatOperatorState(ScenarioActions actions) {
    this.actions = actions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String dialogId = DialogIds.of(execution);
    try (var ignored = DialogMdc.put(dialogId)) {
      setState(execution, dialogId);
    }
  }

  private void setState(DelegateExecution execution, String dialogId) {
    Request request;
    try {
      request = ChatOperatorStateInputs.read(ActionVariables.inputs(execution, ChatOperatorStateInputs.KEYS));
    } catch (InvalidInputs invalid) {
      write(execution, dialogId, new ConnectOutcome.Invalid(invalid.getMessage()));
      return;
    }
    if (dialogId == null) {
      write(execution, null, new ConnectOutcome.Invalid(DialogIds.MISSING));
      return;
    }
    switch (request.mode()) {
      case REQUEST_OPERATOR -> write(execution, dialogId, actions.requestOperator(dialogId));
      case OPERATOR_TAKEOVER -> write(execution, dialogId, actions.takeOverForScenario(dialogId,
          method(request.assign()), request.group(), request.operator(), request.onlyOnline()));
      case CHATBOT_CONTROLLED -> {
        actions.giveBackToBot(dialogId);
        Map<String, Object> variables = new HashMap<>();
        variables.put(DIALOG_ID, dialogId);
        variables.put(OPERATOR_ID, null);
        variables.put(OPERATOR_NAME, null);
        variables.put(QUEUE_POSITION, null);
        variables.put(CHAT_STATE, DialogState.BOT.name());
        ActionVariables.write(execution.getProcessInstance(), variables);
      }
    }
  }

  /**
   * RANDOM (the default) and LESS_BUSY are the distribution methods RANDOM and FEWEST_DIALOGS; SPECIFIC
   * names the operator, and leaves the method to the panel's setting, as the connect action does.
   */
  private static DistributionMethod method(Assign assign) {
    if (assign == Assign.LESS_BUSY) {
      return DistributionMethod.FEWEST_DIALOGS;
    }
    return assign == Assign.SPECIFIC ? null : DistributionMethod.RANDOM;
  }

  /** Writes the outcome's variables; a refusal changes nothing but says why. */
  private static void write(DelegateExecution execution, String dialogId, ConnectOutcome outcome) {
    ActionVariables.write(execution.getProcessInstance(),
        OutcomeVariables.of(dialogId, outcome, OutcomeVariables.Refusals.CHANGE_NOTHING));
    if (OutcomeVariables.refused(outcome)) {
      log.info("dialog {}: set-chat-operator-state {} changed nothing ({}): {}", dialogId,
          execution.getCurrentActivityId(), OutcomeVariables.result(outcome), OutcomeVariables.why(outcome));
    }
  }
}
