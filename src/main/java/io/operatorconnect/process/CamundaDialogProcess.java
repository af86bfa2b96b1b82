package io.operatorconnect.process;

import io.operatorconnect.dialog.ConnectResult;
import io.operatorconnect.dialog.DialogProcess;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.operator.Assignee;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** The dialog feature's view of the engine: scenarios, message correlation, the operator's task. */
@Component
class CamundaDialogProcess implements DialogProcess {

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final TaskService tasks;
  /**
   * For the look-ups on every dialog's path (is the scenario deployed, does the operator's task still
   * exist, where does the scenario wait for its operator), read straight by key and id in the engine's
   * own command: the engine's query API builds its SQL from a mapping of hundreds of optional criteria on
   * each call (the task count was a seventh of a close).
   */
  private final CommandExecutor commands;

  CamundaDialogProcess(ProcessEngine engine) {
    this.repository = engine.getRepositoryService();
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  @Override
  public List<String> scenarios() {
    return repository.createProcessDefinitionQuery().latestVersion().active().list().stream()
        .map(ProcessDefinition::getKey).sorted().toList();
  }

  /**
   * Finds the scenario's latest version and starts it in one engine command: the start finds the
   * definition it was just given in the command's cache instead of reading it again.
   */
  @Override
  public String start(String scenario, String dialogId, Map<String, Object> variables) {
    return commands.execute(context -> {
      ProcessDefinitionEntity latest = context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(scenario);
      if (latest == null || latest.isSuspended()) {
        return null;
      }
      return runtime.createProcessInstanceById(latest.getId()).businessKey(dialogId).setVariables(variables).execute()
          .getId();
    });
  }

  @Override
  public boolean waitingForOperator(String dialogId, String processInstanceId) {
    if (processInstanceId != null
        && commands.execute(context -> operatorConnectedSubscription(context, processInstanceId) != null)) {
      return true;
    }
    return waitsByBusinessKey(dialogId);
  }

  private boolean waitsByBusinessKey(String dialogId) {
    return runtime.createExecutionQuery().processInstanceBusinessKey(dialogId)
        .messageEventSubscriptionName(BpmnNames.MESSAGE_OPERATOR_CONNECTED).count() > 0;
  }

  /**
   * Delivers the message straight to the wait in the dialog's own scenario, found by its process instance
   * in one indexed read, and writes only the variables whose value changes ({@link ActionVariables#write}):
   * what the engine's correlation does, without its query, whose SQL is built anew on every call, and
   * without rewriting unchanged variables. Anything else (a wait in a called process that carries the
   * business key) goes through the engine's correlation by business key. False, with nothing delivered,
   * when nothing in the dialog's scenario waits for the message.
   */
  @Override
  public boolean operatorConnected(String dialogId, String processInstanceId, Assignee operator) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(BpmnNames.CONNECT_RESULT, ConnectResult.SUCCESS.value());
    variables.put(BpmnNames.CHAT_STATE, DialogState.TAKEN_OVER.name());
    variables.put(BpmnNames.OPERATOR_ID, operator.id());
    variables.put(BpmnNames.OPERATOR_NAME, operator.name());
    variables.put(BpmnNames.QUEUE_POSITION, null);
    variables.put(BpmnNames.CONNECT_ERROR, null);
    boolean delivered = processInstanceId != null && commands.execute(context -> {
      EventSubscriptionEntity wait = operatorConnectedSubscription(context, processInstanceId);
      if (wait == null) {
        return false;
      }
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkUpdateProcessInstanceById(processInstanceId);
      }
      ActionVariables.write(wait.getExecution(), variables);
      wait.eventReceived(null, false);
      return true;
    });
    if (delivered) {
      return true;
    }
    if (!waitsByBusinessKey(dialogId)) {
      // asked first: a correlation that finds nothing fails, and its failure would doom the caller's transaction
      return false;
    }
    runtime.createMessageCorrelation(BpmnNames.MESSAGE_OPERATOR_CONNECTED)
        .processInstanceBusinessKey(dialogId)
        .setVariables(variables)
        .correlateWithResult();
    return true;
  }

  /** The instance's one wait for {@code operator_connected}; null when it has none, or more than one. */
  private static EventSubscriptionEntity operatorConnectedSubscription(CommandContext context,
      String processInstanceId) {
    List<EventSubscriptionEntity> waits = context.getEventSubscriptionManager()
        .findEventSubscriptionsByProcessInstanceId(processInstanceId).stream()
        .filter(subscription -> EventType.MESSAGE.name().equals(subscription.getEventType())
            && BpmnNames.MESSAGE_OPERATOR_CONNECTED.equals(subscription.getEventName()))
        .toList();
    return waits.size() == 1 ? waits.get(0) : null;
  }

  @Override
  public void reassignTask(String dialogId, String taskId, Assignee operator) {
    assign(taskId, operator, operator == null ? DialogState.QUEUED : DialogState.TAKEN_OVER);
  }

  @Override
  public void unassignTaskForBot(String dialogId, String taskId) {
    assign(taskId, null, DialogState.BOT);
  }

  private void assign(String taskId, Assignee operator, DialogState chatState) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(BpmnNames.OPERATOR_ID, operator == null ? null : operator.id());
    variables.put(BpmnNames.OPERATOR_NAME, operator == null ? null : operator.name());
    variables.put(BpmnNames.CHAT_STATE, chatState.name());
    runtime.setVariables(task.getProcessInstanceId(), variables);
    tasks.setAssignee(taskId, operator == null ? null : operator.id());
  }

  @Override
  public boolean canReturnToBot(String dialogId) {
    return runtime.createExecutionQuery().processInstanceBusinessKey(dialogId)
        .messageEventSubscriptionName(BpmnNames.MESSAGE_RETURN_TO_BOT).count() > 0;
  }

  @Override
  public void returnToBot(String dialogId) {
    runtime.createMessageCorrelation(BpmnNames.MESSAGE_RETURN_TO_BOT)
        .processInstanceBusinessKey(dialogId)
        .setVariable(BpmnNames.CHAT_STATE, DialogState.BOT.name())
        .correlateWithResult();
  }

  @Override
  public boolean completeTask(String taskId) {
    return commands.execute(context -> {
      if (context.getTaskManager().findTaskById(taskId) == null) {
        return false;
      }
      // the task just read is in the command's cache: completing it reads nothing again
      new CompleteTaskCmd(taskId, null).execute(context);
      return true;
    });
  }

  @Override
  public void clientMessage(String dialogId, String text) {
    runtime.createMessageCorrelation(BpmnNames.MESSAGE_CLIENT_MESSAGE)
        .processInstanceBusinessKey(dialogId)
        .setVariable(BpmnNames.CLIENT_TEXT, text)
        .correlateAllWithResult();
  }
}
