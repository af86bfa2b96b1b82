package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.operatorconnect.dialog.ConnectResult;
import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.DialogView;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.ProcessInstances;
import io.operatorconnect.testsupport.TestDriver;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A connect action configured in a way that can never work takes the {@code error} outcome with a
 * {@code connect_error} a modeller can act on: no incident, no stuck instance, no reservation.
 */
@OperatorConnectTest
class ConnectConfigErrorTests {

  private static final String SCENARIO = "configured_connect";

  @Autowired
  ProcessEngine engine;
  @Autowired
  RepositoryService repository;
  @Autowired
  RuntimeService runtime;
  @Autowired
  DialogService dialogs;
  @Autowired
  OperatorService operators;
  @Autowired
  TestDriver driver;

  @BeforeEach
  void deployScenarioAndOperator() {
    BpmnAwareTests.init(engine);
    repository.createDeployment().name(SCENARIO).enableDuplicateFiltering(true)
        .addClasspathResource("bpmn/configured-connect.bpmn").deploy();
    driver.onlineOperator("anna", 2, "support");
  }

  @AfterEach
  void resetAssertions() {
    BpmnAwareTests.reset();
  }

  @Test
  void shouldConnectWithAWellFormedConfig() {
    // when
    DialogView dialog = start("{\"auto_connect_operator\": true, \"subject_alias\": \"support\", \"priority\": 5}", null);

    // then
    assertThat(instanceOf(dialog)).isWaitingAt("Task_HandleDialog").hasNotPassed("BoundaryEvent_ConnectFailed");
    assertThat(instanceOf(dialog)).variables().containsEntry("connect_result", "success")
        .containsEntry("connect_error", null);
    assertThat(dialog.state()).isEqualTo(DialogState.TAKEN_OVER);
    assertThat(dialog.priority()).isEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      bad JSON             | {"auto_connect_operator": true,                          | | config is not valid JSON:
      not an object        | ["support"]                                              | | config must be a JSON object such as
      unknown key          | {"auto_connect": true}                                   | | unknown key 'auto_connect' in config; known keys: auto_connect_operator,
      negative priority    | {"auto_connect_operator": true, "priority": -1001}       | | priority must be from -1000 to 1000, not -1001
      too large priority   | {"auto_connect_operator": true, "priority": 5000}        | | priority must be from -1000 to 1000, not 5000
      fractional priority  | {"auto_connect_operator": true, "priority": 1.5}         | | priority must be a whole number from -1000 to 1000, not '1.5'
      separate priority    | {"auto_connect_operator": true, "priority": 1}           | 2000 | priority must be from -1000 to 1000, not 2000
      unknown method       | {"auto_connect_operator": true, "method": "FASTEST"}     | | method: unknown distribution method 'FASTEST'; use one of FEWEST_DIALOGS_THEN_IDLE,
      status not queue     | {"auto_connect_operator": true, "status": "wait"}        | | "status must be ""queue"" or left out, not 'wait'"
      boolean as text      | {"auto_connect_operator": "yes"}                         | | auto_connect_operator must be true or false, not 'yes'
      bad subject          | {"auto_connect_operator": true, "subject_alias": "a b"}  | | subject_alias 'a b' must be 1 to 64 letters
      unknown operator     | {"assigned_operator": "nobody"}                          | | unknown operator 'nobody' in assigned_operator
      """)
  void shouldTakeTheErrorOutcomeWithAClearMessage(String problem, String config, String separatePriority,
      String message) {
    // when
    DialogView dialog = start(config, separatePriority);

    // then
    ProcessInstance instance = instanceOf(dialog);
    assertThat(instance).isEnded().hasPassed("BoundaryEvent_ConnectFailed", "EndEvent_ConnectFailed")
        .hasNotPassed("Task_HandleDialog");
    assertThat(instance).variables()
        .containsEntry("dialog_id", dialog.id())
        .containsEntry("connect_result", "error")
        .containsEntry("operator_id", null)
        .hasEntrySatisfying("connect_error", error -> assertThat((String) error).startsWith(message));
    assertThat(runtime.createIncidentQuery().count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(SCENARIO).count()).isZero();
    DialogView shown = driver.dialog(dialog.id());
    assertThat(shown.state()).isEqualTo(DialogState.CLOSED);
    // what GET /api/dialogs/{id} shows, not only the process variable
    assertThat(shown.connectResult()).isEqualTo(ConnectResult.ERROR);
    assertThat(shown.connectError()).startsWith(message);
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  private DialogView start(String config, String separatePriority) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("test_config", config);
    variables.put("test_priority", separatePriority);
    return dialogs.start("telegram", "client-1", SCENARIO, variables);
  }

  private ProcessInstance instanceOf(DialogView dialog) {
    return ProcessInstances.byId(runtime, dialog.processInstanceId());
  }
}
