package io.operatorconnect.process;

import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.core.model.PropertyKey;
import org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoMapping;
import org.camunda.bpm.engine.impl.history.HistoryLevelAudit;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * History level {@code audit}, except for the inputs of our two actions: the local variables that a
 * connect or set-chat-operator-state task's {@code camunda:inputParameter}s create as the task starts.
 * <p>
 * Those inputs are the action's configuration, the same for every dialog that passes the task
 * ({@code auto_connect_operator}, {@code message}, {@code only_online}, ...), and live only while the task
 * runs. Under plain {@code audit} the engine writes each one to {@code ACT_HI_VARINST}: nine rows per action,
 * about half of a dialog's variable history, with every index of that table kept for each row. What the
 * action made of them is recorded anyway, with the reasons, as the dialog's decisions
 * ({@code GET /api/dialogs/{id}/decisions}), and the diagram holds the inputs themselves. Everything else
 * stays as in {@code audit}: the scenario's variables, the action's outputs, the inputs of every other task.
 * <p>
 * It keeps audit's name and id, so a database made under {@code audit} stays valid in both directions,
 * and it takes the place of the built-in level when the configured history level is {@code audit}
 * ({@link OperatorConnectEnginePlugin}); {@code operator-connect.processes.action-inputs-in-history=true}
 * keeps the built-in one.
 */
final class AuditWithoutActionInputs extends HistoryLevelAudit {

  /** Set by {@link MarkActions} on the activity of each of our actions. */
  static final PropertyKey<Boolean> OUR_ACTION = new PropertyKey<>("operatorConnectAction");

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    if (entity instanceof VariableInstanceEntity variable && isActionInput(variable)) {
      return false;
    }
    return super.isHistoryEventProduced(eventType, entity);
  }

  /** A local variable of one of our actions' executions that one of its input parameters created. */
  static boolean isActionInput(VariableInstanceEntity variable) {
    if (variable.getExecutionId() == null || variable.getTaskId() != null) {
      return false;
    }
    ExecutionEntity execution = variable.getExecution();
    ActivityImpl activity = execution == null ? null : execution.getActivity();
    if (activity == null || !activity.getProperties().contains(OUR_ACTION)) {
      return false;
    }
    IoMapping mapping = activity.getIoMapping();
    if (mapping == null) {
      return false;
    }
    for (InputParameter input : mapping.getInputParameters()) {
      if (input.getName().equals(variable.getName())) {
        return true;
      }
    }
    return false;
  }

  /** Marks the service tasks that run one of our actions, whoever deploys the diagram. */
  static final class MarkActions extends AbstractBpmnParseListener {

    @Override
    public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
      String delegate = ScenarioCheckParseListener.delegateOf(serviceTaskElement);
      if (BpmnNames.DELEGATE_CONNECT_TO_OPERATOR.equals(delegate)
          || BpmnNames.DELEGATE_SET_CHAT_OPERATOR_STATE.equals(delegate)) {
        activity.getProperties().set(OUR_ACTION, Boolean.TRUE);
      }
    }
  }
}
