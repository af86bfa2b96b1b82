package io.operatorconnect.process;

import io.operatorconnect.dialog.DialogProcess;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.operator.Operator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  CamundaDialogProcess(RepositoryService repository, RuntimeService runtime, TaskService tasks) {
    this.repository = repository;
    this.runtime = runtime;
    this.tasks = tasks;
  }

  @Override
  public List<String> scenarios() {
    return repository.createProcessDefinitionQuery().latestVersion().active().list().stream()
        .map(ProcessDefinition::getKey).sorted().toList();
  }

  @Override
  public boolean isScenario(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().active().count() > 0;
  }

  @Override
  public String start(String scenario, String dialogId, Map<String, Object> variables) {
    return runtime.startProcessInstanceByKey(scenario, dialogId, variables).getId();
  }

  @Override
  public boolean waitingForOperator(String dialogId) {
    return runtime.createExecutionQuery().processInstanceBusinessKey(dialogId)
        .messageEventSubscriptionName(BpmnNames.MESSAGE_OPERATOR_CONNECTED).count() > 0;
  }

  @Override
  public void operatorConnected(String dialogId, Operator operator) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(BpmnNames.CONNECT_RESULT, "success");
    variables.put(BpmnNames.CHAT_STATE, DialogState.TAKEN_OVER.name());
    variables.put(BpmnNames.OPERATOR_ID, operator.id());
    variables.put(BpmnNames.OPERATOR_NAME, operator.name());
    variables.put(BpmnNames.QUEUE_POSITION, null);
    variables.put(BpmnNames.CONNECT_ERROR, null);
    runtime.createMessageCorrelation(BpmnNames.MESSAGE_OPERATOR_CONNECTED)
        .processInstanceBusinessKey(dialogId)
        .setVariables(variables)
        .correlateWithResult();
  }

  @Override
  public void reassignTask(String dialogId, String taskId, Operator operator) {
    assign(taskId, operator, operator == null ? DialogState.QUEUED : DialogState.TAKEN_OVER);
  }

  @Override
  public void unassignTaskForBot(String dialogId, String taskId) {
    assign(taskId, null, DialogState.BOT);
  }

  private void assign(String taskId, Operator operator, DialogState chatState) {
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
    if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
      return false;
    }
    tasks.complete(taskId);
    return true;
  }

  @Override
  public void clientMessage(String dialogId, String text) {
    runtime.createMessageCorrelation(BpmnNames.MESSAGE_CLIENT_MESSAGE)
        .processInstanceBusinessKey(dialogId)
        .setVariable(BpmnNames.CLIENT_TEXT, text)
        .correlateAllWithResult();
  }
}
