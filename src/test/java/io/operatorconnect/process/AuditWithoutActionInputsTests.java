package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.dialog.DialogLifecycle;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * History level {@code audit} with {@link OperatorConnectEnginePlugin}: on an engine of its own (the
 * application's tests run with history {@code full}), with a scenario whose connect action has inputs and
 * writes an output, beside an ordinary task with an input of its own.
 */
class AuditWithoutActionInputsTests {

  private static final BpmnModelInstance SCENARIO = Bpmn.createExecutableProcess("scenario")
      .camundaHistoryTimeToLive(30)
      .startEvent()
      .serviceTask("Task_Greet").camundaExpression("${true}")
        .camundaInputParameter("text", "Hello")
      .serviceTask("Task_Connect").camundaDelegateExpression(BpmnNames.DELEGATE_CONNECT_TO_OPERATOR)
        .camundaInputParameter("auto_connect_operator", "true")
        .camundaInputParameter("subject_alias", "${subject}")
        .camundaInputParameter("message", "Operator {operator_name} has joined the chat.")
      .userTask("Task_Handle")
      .endEvent()
      .done();

  private ProcessEngine engine;

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void shouldLeaveTheActionsInputsOutOfTheVariableHistoryAndKeepEverythingElse() {
    // given
    engine = auditEngine(false);

    // when
    String instance = startScenario();

    // then the scenario's variable, the action's output and the other task's input are in the history;
    // the action's inputs are not
    assertThat(historyOf(instance)).containsOnlyKeys("subject", "connect_result", "text")
        .containsEntry("connect_result", "success")
        .containsEntry("text", "Hello");
  }

  @Test
  void shouldWriteTheActionsInputsToTheVariableHistoryWhenAskedTo() {
    // given
    engine = auditEngine(true);

    // when
    String instance = startScenario();

    // then
    assertThat(historyOf(instance)).containsOnlyKeys("subject", "connect_result", "text", "auto_connect_operator",
            "subject_alias", "message")
        .containsEntry("subject_alias", "support");
  }

  @Test
  void shouldKeepTheDatabasesHistoryLevelAsAudit() {
    // given
    engine = auditEngine(false);

    // then a database made with it stays an audit one, and the other way round
    assertThat(engine.getManagementService().getProperties()).containsEntry("historyLevel", "2");
  }

  private String startScenario() {
    engine.getRepositoryService().createDeployment().addModelInstance("scenario.bpmn", SCENARIO).deploy();
    return engine.getRuntimeService().startProcessInstanceByKey("scenario", Map.of("subject", "support")).getId();
  }

  private Map<String, Object> historyOf(String instance) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance).list()
        .stream().collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue));
  }

  private static ProcessEngine auditEngine(boolean actionInputsInHistory) {
    // The action reads its inputs (as the real one does) and writes one of its documented variables.
    JavaDelegate connect = execution -> {
      assertThat(execution.getVariableLocal("subject_alias")).isEqualTo("support");
      execution.setVariable(BpmnNames.CONNECT_RESULT, "success");
    };
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    configuration.setHistory("audit");
    configuration.setJobExecutorActivate(false);
    configuration.setBeans(Map.of("connectToOperatorWithMsg", connect));
    configuration.getProcessEnginePlugins().add(new OperatorConnectEnginePlugin(
        new StaticListableBeanFactory().getBeanProvider(DialogLifecycle.class),
        new ProcessesProperties("processes", actionInputsInHistory)));
    return configuration.buildProcessEngine();
  }
}
