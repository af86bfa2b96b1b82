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
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** The dialog feature's view of the engine: scenarios, message correlation, the operator's task. */
@Component
class CamundaDialogProcess implements DialogProcess {

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final EngineInternals internals;

  CamundaDialogProcess(ProcessEngine engine, EngineInternals internals) {
    this.repository = engine.getRepositoryService();
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.internals = internals;
  }

  @Override
  public List<String> scenarios() {
    return repository.createProcessDefinitionQuery().latestVersion().active().list().stream()
        .map(ProcessDefinition::getKey).sorted().toList();
  }

  /** The scenario's latest version, started in one engine command ({@link EngineInternals#startLatest}). */
  @Override
  public String start(String scenario, String dialogId, Map<String, Object> variables) {
    return internals.startLatest(scenario, dialogId, variables);
  }

  @Override
  public boolean waitingForOperator(String dialogId, String processInstanceId) {
    if (processInstanceId != null
        && internals.waitsForMessage(processInstanceId, BpmnNames.MESSAGE_OPERATOR_CONNECTED)) {
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
    boolean delivered = processInstanceId != null && internals.deliver(processInstanceId,
        BpmnNames.MESSAGE_OPERATOR_CONNECTED, waiting -> ActionVariables.write(waiting, variables));
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
    return internals.completeIfExists(taskId);
  }

  @Override
  public void clientMessage(String dialogId, String text) {
    runtime.createMessageCorrelation(BpmnNames.MESSAGE_CLIENT_MESSAGE)
        .processInstanceBusinessKey(dialogId)
        .setVariable(BpmnNames.CLIENT_TEXT, text)
        .correlateAllWithResult();
  }

  @Override
  public void endScenario(String processInstanceId, String reason) {
    if (processInstanceId != null) {
      runtime.deleteProcessInstanceIfExists(processInstanceId, reason, false, true, false, false);
    }
  }
}
