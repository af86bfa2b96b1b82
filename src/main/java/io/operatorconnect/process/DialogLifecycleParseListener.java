package io.operatorconnect.process;

import io.operatorconnect.dialog.DialogLifecycle;
import io.operatorconnect.system.DialogMdc;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.EventSubscriptionDeclaration;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Ties every deployed diagram to the dialogs, whoever deploys it: the operator's user task
 * (assignee {@code ${operator_id}}) closes the dialog when completed, frees the slot when
 * cancelled, and moves the dialog when reassigned in Tasklist; a wait for {@code operator_connected} that ends without it takes the dialog out of the
 * queue; an ending instance closes its dialog. The listeners are built-in, so they run even when
 * Cockpit deletes an instance with "skip custom listeners".
 */
class DialogLifecycleParseListener extends AbstractBpmnParseListener {

  private final Supplier<DialogLifecycle> lifecycle;

  DialogLifecycleParseListener(Supplier<DialogLifecycle> lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution -> {
      String dialogId = DialogIds.of(execution);
      if (dialogId != null && isDialogInstance(execution)) {
        inDialog(dialogId, dialogs -> dialogs.scenarioEnded(dialogId));
      }
    });
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    if (task.getAssigneeExpression() == null
        || !BpmnNames.OPERATOR_TASK_ASSIGNEE.equals(task.getAssigneeExpression().getExpressionText().strip())) {
      return;
    }
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, delegateTask -> inDialog(delegateTask.getExecution(),
        (dialogs, dialogId) -> dialogs.operatorTaskCreated(dialogId, delegateTask.getId(), delegateTask.getAssignee())));
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, delegateTask -> inDialog(delegateTask.getExecution(),
        (dialogs, dialogId) -> dialogs.operatorTaskAssigned(dialogId, delegateTask.getId(), delegateTask.getAssignee())));
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, delegateTask -> inDialog(delegateTask.getExecution(),
        (dialogs, dialogId) -> dialogs.operatorTaskCompleted(dialogId, delegateTask.getId())));
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, delegateTask -> inDialog(delegateTask.getExecution(),
        (dialogs, dialogId) -> dialogs.operatorTaskCancelled(dialogId, delegateTask.getId())));
  }

  @Override
  public void parseIntermediateMessageCatchEventDefinition(Element messageEventDefinition, ActivityImpl activity) {
    boolean waitsForOperator = EventSubscriptionDeclaration.getDeclarationsForScope(activity.getEventScope())
        .values().stream()
        .anyMatch(declaration -> activity.getId().equals(declaration.getActivityId())
            && BpmnNames.MESSAGE_OPERATOR_CONNECTED.equals(declaration.getUnresolvedEventName()));
    if (waitsForOperator) {
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_END,
          (ExecutionListener) execution -> inDialog(execution, DialogLifecycle::stoppedWaiting));
    }
  }

  /** Tells the lifecycle about the execution's dialog, with the dialog's id in the logging context. */
  private void inDialog(DelegateExecution execution, BiConsumer<DialogLifecycle, String> event) {
    String dialogId = DialogIds.of(execution);
    inDialog(dialogId, dialogs -> event.accept(dialogs, dialogId));
  }

  private void inDialog(String dialogId, Consumer<DialogLifecycle> event) {
    try (var ignored = DialogMdc.put(dialogId)) {
      event.accept(lifecycle.get());
    }
  }

  /** A called sub-process that carries the dialog id must not close the dialog when it ends. */
  private static boolean isDialogInstance(DelegateExecution execution) {
    return execution.getProcessInstance().getSuperExecution() == null;
  }
}
