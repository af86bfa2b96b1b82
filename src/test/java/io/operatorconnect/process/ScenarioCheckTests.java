package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A diagram is checked when it is deployed: a literal input the connect or set-chat-operator-state
 * action could never accept fails the deployment with a message naming the process, the task and the
 * problem; a connect action whose {@code limit} nobody catches is deployed with a warning.
 */
@OperatorConnectTest
class ScenarioCheckTests {

  private static final String KEY = "checked_scenario";
  private static final String TASK = "Task_ConnectToOperator";
  private static final String WHERE = TASK + " in process '" + KEY + "'";

  @Autowired
  ProcessEngine engine;
  @Autowired
  RepositoryService repository;

  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
  private final Logger checkLog = (Logger) LoggerFactory.getLogger(ScenarioCheckParseListener.class);

  @BeforeEach
  void captureWarnings() {
    warnings.start();
    checkLog.addAppender(warnings);
  }

  @AfterEach
  void undeploy() {
    checkLog.detachAppender(warnings);
    repository.createDeploymentQuery().deploymentName(KEY).list()
        .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
  }

  @Test
  void shouldDeployAConnectActionWithValidLiteralsAndALimitBoundaryWithoutWarning() {
    // given
    BpmnModelInstance diagram = connect(task -> task
        .camundaInputParameter("config", "{\"auto_connect_operator\": true, \"subject_alias\": \"support\"}")
        .camundaInputParameter("method", "round_robin")
        .camundaInputParameter("priority", "7"), true);

    // when
    Deployment deployment = deploy(diagram);

    // then
    assertThat(repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).count()).isEqualTo(1);
    assertThat(warnings.list).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      malformed config    | config           | {"auto_connect_operator": true,,}  | config is not valid JSON:
      config not object   | config           | ["support"]                        | config must be a JSON object such as
      unknown config key  | config           | {"subject": "support"}             | unknown key 'subject' in config; known keys: auto_connect_operator,
      unknown status      | config           | {"status": "wait"}                 | "status must be ""queue"" or left out, not 'wait'"
      unknown method      | method           | FASTEST                            | method: unknown distribution method 'FASTEST'; use one of FEWEST_DIALOGS_THEN_IDLE, FEWEST_DIALOGS, LONGEST_IDLE, ROUND_ROBIN, RANDOM
      priority too large  | priority         | 5000                               | priority must be from -1000 to 1000, not 5000
      priority not number | priority         | high                               | priority must be a whole number from -1000 to 1000, not 'high'
      flag not boolean    | only_online      | yes                                | only_online must be true or false, not 'yes'
      bad subject         | subject_alias    | a b                                | subject_alias 'a b' must be 1 to 64 letters
      unknown input       | subject          | support                            | unknown input 'subject'; the connect action reads config or auto_connect_operator,
      """)
  void shouldRefuseAConnectActionWithALiteralItCouldNeverRead(String problem, String input, String value,
      String message) {
    // given
    BpmnModelInstance diagram = connect(task -> task.camundaInputParameter(input, value), true);

    // when
    ParseException refused = refuse(diagram);

    // then the message names the process, the task, what is wrong and what is allowed
    assertThat(refused).hasMessageContaining(WHERE + ": " + message);
    assertThat(refused.getResorceReports().get(0).getErrors().get(0).getMainElementId()).isEqualTo(TASK);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).count()).isZero();
  }

  @Test
  void shouldNotCheckInputsGivenByExpressions() {
    // given values only known at run time, which would be wrong as literals
    BpmnModelInstance diagram = connect(task -> task
        .camundaInputParameter("config", "${execution.getVariable('config')}")
        .camundaInputParameter("method", "#{method}")
        .camundaInputParameter("priority", "${priority} and more"), true);

    // when
    Deployment deployment = deploy(diagram);

    // then
    assertThat(repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).count()).isEqualTo(1);
  }

  @Test
  void shouldNotCheckInputsGivenByScriptsListsOrMaps() throws Exception {
    // given
    String diagram = xmlDiagram("""
        <camunda:inputParameter name="config">
          <camunda:script scriptFormat="javascript">'{"status": "wait"}'</camunda:script>
        </camunda:inputParameter>
        <camunda:inputParameter name="method"><camunda:list><camunda:value>FASTEST</camunda:value></camunda:list></camunda:inputParameter>
        <camunda:inputParameter name="priority"><camunda:map><camunda:entry key="a">b</camunda:entry></camunda:map></camunda:inputParameter>
        """);

    // when
    Deployment deployment = repository.createDeployment().name(KEY).addString("checked.bpmn", diagram).deploy();

    // then
    assertThat(repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).count()).isEqualTo(1);
  }

  @Test
  void shouldReportEveryMisconfiguredActionOfTheDiagramTogether() {
    // given two connect actions and a set-chat-operator-state action, each wrong
    BpmnModelInstance diagram = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_DialogStarted")
        .serviceTask("Task_FirstConnect").camundaDelegateExpression("${connectToOperatorWithMsg}")
        .camundaInputParameter("status", "wait")
        .serviceTask("Task_SecondConnect").camundaDelegateExpression("${connectToOperatorWithMsg}")
        .camundaInputParameter("method", "FASTEST")
        .serviceTask("Task_TakeOver").camundaDelegateExpression("${setChatOperatorState}")
        .camundaInputParameter("mode", "TAKEOVER")
        .endEvent("EndEvent_Done")
        .done();

    // when
    ParseException refused = refuse(diagram);

    // then
    assertThat(refused.getMessage())
        .contains("3 misconfigured Operator Connect actions:")
        .contains("Task_FirstConnect in process '" + KEY + "' (line ")
        .contains("status must be \"queue\" or left out, not 'wait'")
        .contains("Task_SecondConnect in process '" + KEY + "' (line ")
        .contains("method: unknown distribution method 'FASTEST'")
        .contains("Task_TakeOver in process '" + KEY + "' (line ")
        .contains("mode 'TAKEOVER' is not allowed; use one of REQUEST_OPERATOR, OPERATOR_TAKEOVER, CHATBOT_CONTROLLED");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      missing mode            | assign=RANDOM                       | mode is missing; use one of REQUEST_OPERATOR, OPERATOR_TAKEOVER, CHATBOT_CONTROLLED
      unknown mode            | mode=TAKEOVER                       | mode 'TAKEOVER' is not allowed; use one of REQUEST_OPERATOR, OPERATOR_TAKEOVER, CHATBOT_CONTROLLED
      unknown assign          | mode=OPERATOR_TAKEOVER,assign=FIRST | assign 'FIRST' is not allowed; use one of RANDOM, LESS_BUSY, SPECIFIC
      specific, no operator   | mode=OPERATOR_TAKEOVER,assign=SPECIFIC | assign SPECIFIC needs an operator input naming the operator; or use RANDOM or LESS_BUSY
      only_online not boolean | mode=REQUEST_OPERATOR,only_online=yes | only_online must be true or false, not 'yes'
      unknown input           | mode=REQUEST_OPERATOR,subject=support | unknown input 'subject'; the set-chat-operator-state action reads mode, assign, group, operator, only_online
      """)
  void shouldRefuseASetChatOperatorStateActionItCouldNeverRun(String problem, String inputs, String message) {
    // given
    BpmnModelInstance diagram = setChatOperatorState(inputs);

    // when
    ParseException refused = refuse(diagram);

    // then
    assertThat(refused).hasMessageContaining("Task_SetChatState in process '" + KEY + "': " + message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      mode=REQUEST_OPERATOR
      mode=operator_takeover,assign=LESS_BUSY,group=support,only_online=false
      mode=OPERATOR_TAKEOVER,assign=SPECIFIC,operator=anna
      mode=${mode},assign=SPECIFIC,operator=${operator_to_assign}
      mode=CHATBOT_CONTROLLED,assign=${assign}
      """)
  void shouldDeployAValidSetChatOperatorStateAction(String inputs) {
    // when
    Deployment deployment = deploy(setChatOperatorState(inputs));

    // then
    assertThat(repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).count()).isEqualTo(1);
  }

  @Test
  void shouldWarnWhenNothingCatchesLimit() {
    // given a connect action with only a banned boundary
    BpmnModelInstance diagram = connect(task -> task
        .camundaInputParameter("config", "{\"auto_connect_operator\": true}")
        .boundaryEvent("BoundaryEvent_ClientBanned").error("banned").endEvent("EndEvent_ClientBanned"), false);

    // when
    Deployment deployment = deploy(diagram);

    // then it is deployed, with a warning that says where and what to add
    assertThat(repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).count()).isEqualTo(1);
    assertThat(warnings.list).singleElement().satisfies(warning -> {
      assertThat(warning.getLevel()).isEqualTo(Level.WARN);
      assertThat(warning.getFormattedMessage()).startsWith(WHERE + ": nothing catches the connect action's 'limit'")
          .contains("add an error boundary event with error code 'limit' to the task");
    });
  }

  @Test
  void shouldNotWarnWhenACatchAllErrorBoundaryIsOnTheTask() {
    // when
    deploy(connect(task -> task.boundaryEvent("BoundaryEvent_AnyError").error().endEvent("EndEvent_Failed"), false));

    // then
    assertThat(warnings.list).isEmpty();
  }

  @Test
  void shouldNotWarnWhenAnEnclosingSubprocessCatchesLimit() {
    // given the connect action inside a wait-in-queue subprocess whose catch-all boundary handles its errors
    BpmnModelInstance diagram = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_DialogStarted")
        .subProcess("SubProcess_WaitInQueue").embeddedSubProcess()
        .startEvent("StartEvent_WaitStarted")
        .serviceTask(TASK).camundaDelegateExpression("${connectToOperatorWithMsg}")
        .camundaInputParameter("config", "{\"status\": \"queue\"}")
        .endEvent("EndEvent_Queued")
        .subProcessDone()
        .endEvent("EndEvent_Done")
        .moveToActivity("SubProcess_WaitInQueue")
        .boundaryEvent("BoundaryEvent_QueueFailed").error().endEvent("EndEvent_QueueFailed")
        .done();

    // when
    deploy(diagram);

    // then
    assertThat(warnings.list).isEmpty();
  }

  @Test
  void shouldNotWarnWhenAnErrorEventSubprocessCatchesLimit() {
    // given
    BpmnModelInstance diagram = connect(task -> task, false);
    diagram.<Process>getModelElementById(KEY).builder()
        .eventSubProcess("SubProcess_NoFreeOperator")
        .startEvent("StartEvent_NoFreeOperator").error("limit")
        .endEvent("EndEvent_NoFreeOperator");

    // when
    deploy(diagram);

    // then
    assertThat(warnings.list).isEmpty();
  }

  @Test
  void shouldNotCheckAgainWhenTheEngineReloadsADeployedDiagram() {
    // given a diagram deployed with a warning
    Deployment deployment = deploy(connect(task -> task, false));
    assertThat(warnings.list).hasSize(1);
    String definitionId = repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult()
        .getId();

    // when the engine parses it again to fill its cache (as after a restart)
    ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getDeploymentCache().discardProcessDefinitionCache();
    ((RepositoryServiceImpl) repository).getDeployedProcessDefinition(definitionId);

    // then nothing is checked again: a diagram deployed before a rule existed keeps loading
    assertThat(warnings.list).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({"support-chat.bpmn, support_chat", "operator-takeover.bpmn, takeover_chat"})
  void shouldDeployEachExampleScenarioWithoutWarning(String file, String key) throws Exception {
    // given the example from processes/ under a key of this test's own
    String diagram = Files.readString(Path.of("processes", file))
        .replace("id=\"" + key + "\"", "id=\"" + KEY + "\"")
        .replace("bpmnElement=\"" + key + "\"", "bpmnElement=\"" + KEY + "\"");

    // when
    Deployment deployment = repository.createDeployment().name(KEY).addString(file, diagram).deploy();

    // then
    assertThat(repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult().getKey())
        .isEqualTo(KEY);
    assertThat(warnings.list).isEmpty();
  }

  /** A connect action, configured by {@code configure}, with a {@code limit} boundary when asked for. */
  private static BpmnModelInstance connect(Function<ServiceTaskBuilder, AbstractFlowNodeBuilder<?, ?>> configure,
      boolean limitBoundary) {
    AbstractFlowNodeBuilder<?, ?> diagram = configure.apply(Bpmn.createExecutableProcess(KEY)
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_DialogStarted")
        .serviceTask(TASK).camundaDelegateExpression("${connectToOperatorWithMsg}"));
    if (limitBoundary) {
      diagram = diagram.moveToActivity(TASK)
          .boundaryEvent("BoundaryEvent_NoFreeOperator").error("limit").endEvent("EndEvent_NoFreeOperator");
    }
    return diagram.moveToActivity(TASK).endEvent("EndEvent_Done").done();
  }

  /** A set-chat-operator-state action with inputs written as {@code name=value,name=value}. */
  private static BpmnModelInstance setChatOperatorState(String inputs) {
    ServiceTaskBuilder task = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_DialogStarted")
        .serviceTask("Task_SetChatState").camundaDelegateExpression("${setChatOperatorState}");
    for (String input : inputs.split(",")) {
      String[] nameAndValue = input.split("=", 2);
      task = task.camundaInputParameter(nameAndValue[0], nameAndValue[1]);
    }
    return task.endEvent("EndEvent_Done").done();
  }

  private static String xmlDiagram(String inputParameters) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Checked"
                          targetNamespace="http://operatorconnect.io/bpmn/test">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_DialogStarted" />
            <bpmn:serviceTask id="%s" camunda:delegateExpression="${connectToOperatorWithMsg}">
              <bpmn:extensionElements>
                <camunda:inputOutput>
        %s
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:boundaryEvent id="BoundaryEvent_NoFreeOperator" attachedToRef="%s">
              <bpmn:errorEventDefinition />
            </bpmn:boundaryEvent>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(KEY, TASK, inputParameters, TASK);
  }

  private Deployment deploy(BpmnModelInstance diagram) {
    return repository.createDeployment().name(KEY).addModelInstance("checked.bpmn", diagram).deploy();
  }

  private ParseException refuse(BpmnModelInstance diagram) {
    ParseException refused = catchThrowableOfType(ParseException.class, () -> deploy(diagram));
    assertThat(refused).as("the deployment fails").isNotNull();
    return refused;
  }
}
