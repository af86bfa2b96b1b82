package io.operatorconnect.process;

import io.operatorconnect.dialog.ConnectResult;
import io.operatorconnect.dialog.DialogProcess;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.operator.Assignee;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.springframework.stereotype.Component;

/** The dialog feature's view of the engine: scenarios, message correlation, the operator's task. */
@Component
class CamundaDialogProcess implements DialogProcess {

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final EngineInternals internals;
  private final HistoryService history;

  CamundaDialogProcess(ProcessEngine engine, EngineInternals internals) {
    this.history = engine.getHistoryService();
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

  /** The process's extension property that names the variables operators may see. */
  static final String VISIBLE_VARIABLES = "operatorConnect.visibleVariables";

  @Override
  public Map<String, Object> visibleVariables(String processInstanceId) {
    if (processInstanceId == null) {
      return Map.of();
    }
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    if (instance == null) {
      return Map.of();
    }
    List<String> names = visibleNames(instance);
    if (names.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> values = new LinkedHashMap<>();
    // the instance's own variables first: a subprocess's variable of the same name does not hide them
    history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableNameIn(names.toArray(String[]::new)).disableCustomObjectDeserialization().list().stream()
        .sorted(Comparator.comparing(variable -> !processInstanceId.equals(variable.getExecutionId())))
        .forEach(variable -> {
          Object value = plain(variable.getValue());
          if (value != null) {
            values.putIfAbsent(variable.getName(), value);
          }
        });
    Map<String, Object> ordered = new LinkedHashMap<>();
    names.stream().filter(values::containsKey).forEach(name -> ordered.put(name, values.get(name)));
    return ordered;
  }

  private List<String> visibleNames(HistoricProcessInstance instance) {
    BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
    if (model == null || !(model.getModelElementById(instance.getProcessDefinitionKey()) instanceof Process process)
        || process.getExtensionElements() == null) {
      return List.of();
    }
    return process.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> VISIBLE_VARIABLES.equals(property.getCamundaName()) && property.getCamundaValue() != null)
        .flatMap(property -> Arrays.stream(property.getCamundaValue().split(",")))
        .map(String::strip).filter(name -> !name.isEmpty()).distinct().toList();
  }

  /** A value an operator can read as it is; null for anything else (an object, a file, bytes). */
  private static Object plain(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    return null;
  }
}
