package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.TestDriver;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A scenario deployed through Camunda's REST API after start-up is tied to dialogs like the ones
 * deployed from {@code processes/}, and checked like them: the parse listeners apply to every deployment.
 */
@OperatorConnectTest
class RestDeployedScenarioTests {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  TestDriver driver;
  @Autowired
  OperatorService operators;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  RepositoryService repository;

  @Test
  @SuppressWarnings("unchecked")
  void shouldConnectAndCloseDialogsOfAScenarioDeployedThroughTheEngineRestApi() {
    // given a scenario deployed through /engine-rest
    ResponseEntity<Map> deployment = deploy("rest-deployed-chat.bpmn");
    assertThat(deployment.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((Map<String, Object>) deployment.getBody().get("deployedProcessDefinitions")).isNotEmpty();
    driver.onlineOperator("anna", 1, "support");

    // when a dialog starts with it
    ResponseEntity<Map> started = HttpApi.asAdmin(rest).postForEntity("/api/dialogs",
        Map.of("channel", "web", "clientId", "client-1", "scenario", "rest_deployed_chat"), Map.class);

    // then it reaches the operator, as a task assigned to her
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String dialogId = (String) started.getBody().get("id");
    assertThat(started.getBody()).containsEntry("state", "TAKEN_OVER").containsEntry("operatorId", "anna");
    Task handle = tasks.createTaskQuery().processInstanceBusinessKey(dialogId).singleResult();
    assertThat(handle.getTaskDefinitionKey()).isEqualTo("Task_HandleDialog");
    assertThat(handle.getAssignee()).isEqualTo("anna");
    assertThat(operators.get("anna").activeDialogs()).isEqualTo(1);

    // when the dialog is closed through the API
    ResponseEntity<Map> closed = HttpApi.asAdmin(rest).postForEntity("/api/dialogs/" + dialogId + "/close", null, Map.class);

    // then the operator's task is completed (its id was recorded when it was created), the slot is free,
    // and the scenario goes on to its next step
    assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(closed.getBody()).containsEntry("state", "CLOSED");
    HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(handle.getId()).singleResult();
    assertThat(done.getDeleteReason()).isEqualTo("completed");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(dialogId).singleResult().getTaskDefinitionKey())
        .isEqualTo("Task_ReviewDialog");
    assertThat(operators.get("anna").activeDialogs()).isZero();
  }

  @Test
  void shouldTellTheRestClientWhichActionOfARefusedDiagramIsMisconfigured() {
    // when a diagram whose connect action names an unknown distribution method is deployed through /engine-rest
    ResponseEntity<Map> refused = deploy("misconfigured-connect.bpmn");

    // then the deployment fails and the client reads the task, what is wrong and what is allowed
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).containsEntry("type", "ParseException");
    assertThat((String) refused.getBody().get("message"))
        .contains("Task_ConnectToOperator in process 'misconfigured_connect': method: unknown distribution method "
            + "'FASTEST'; use one of FEWEST_DIALOGS_THEN_IDLE, FEWEST_DIALOGS, LONGEST_IDLE, ROUND_ROBIN, RANDOM");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("misconfigured_connect").count())
        .isZero();
  }

  private ResponseEntity<Map> deploy(String file) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", file);
    parts.add("deployment-source", "RestDeployedScenarioTests");
    parts.add(file, new ClassPathResource("bpmn/" + file));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return HttpApi.asAdmin(rest).postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), Map.class);
  }
}
