package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.operatorconnect.security.Role;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.TestUsers;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What Operator Connect relies on in the engine's internal classes ({@link EngineInternals}), held to the
 * behaviour the public API gives: a Camunda upgrade that changes any of it fails here first.
 */
@OperatorConnectTest
class EngineInternalsTests {

  static final String KEY = "engine_internals_wait";
  static final String MESSAGE = "engine_internals_message";

  @Autowired
  EngineInternals internals;
  @Autowired
  RepositoryService repository;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  IdentityService identity;

  Deployment deployment;

  @BeforeEach
  void diagramThatWaitsForAMessageThenATask() {
    BpmnModelInstance diagram = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent().intermediateCatchEvent("Wait").message(MESSAGE)
        .userTask("Task").camundaAssignee("anna")
        .endEvent().done();
    deployment = repository.createDeployment().addModelInstance(KEY + ".bpmn", diagram).deploy();
  }

  @AfterEach
  void removeDiagram() {
    identity.clearAuthentication();
    repository.deleteDeployment(deployment.getId(), true);
  }

  private org.camunda.bpm.engine.identity.User user(String id) {
    return identity.createUserQuery().userId(id).singleResult();
  }

  @Test
  void shouldStartTheLatestActiveVersionWithBusinessKeyAndVariablesOrNothing() {
    // when
    String started = internals.startLatest(KEY, "dialog-1", Map.of("subject", "support"));

    // then: as startProcessInstanceByKey with a business key would
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(started).singleResult();
    assertThat(instance.getBusinessKey()).isEqualTo("dialog-1");
    assertThat(instance.getProcessDefinitionId())
        .isEqualTo(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult()
            .getId());
    assertThat(runtime.getVariable(started, "subject")).isEqualTo("support");
    assertThat(internals.startLatest("no_such_diagram", "dialog-2", Map.of())).isNull();
    repository.suspendProcessDefinitionByKey(KEY);
    assertThat(internals.startLatest(KEY, "dialog-3", Map.of())).isNull();
  }

  @Test
  void shouldDeliverTheMessageToTheOneWaitWithTheVariablesWrittenFirst() {
    // given
    String instance = runtime.startProcessInstanceByKey(KEY, "dialog-1").getId();
    assertThat(internals.waitsForMessage(instance, MESSAGE)).isTrue();
    assertThat(internals.waitsForMessage(instance, "another_message")).isFalse();

    // when
    boolean delivered = internals.deliver(instance, MESSAGE, scope -> scope.setVariable("operator_id", "anna"));

    // then: the instance moved on to the task, with the variable, as a correlation would leave it
    assertThat(delivered).isTrue();
    assertThat(tasks.createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey())
        .isEqualTo("Task");
    assertThat(runtime.getVariable(instance, "operator_id")).isEqualTo("anna");
    assertThat(internals.waitsForMessage(instance, MESSAGE)).isFalse();
    assertThat(internals.deliver(instance, MESSAGE, scope -> scope.setVariable("operator_id", "bob"))).isFalse();
    assertThat(runtime.getVariable(instance, "operator_id")).isEqualTo("anna");
  }

  @Test
  void shouldCheckTheUsersRightToUpdateTheInstanceBeforeDelivering() {
    // given a signed-in user of the engine without rights on the instance
    String instance = runtime.startProcessInstanceByKey(KEY, "dialog-1").getId();
    identity.setAuthenticatedUserId("nobody");

    // when / then: refused, as the engine's correlation refuses, and nothing delivered
    assertThatThrownBy(() -> internals.deliver(instance, MESSAGE, scope -> scope.setVariable("operator_id", "x")))
        .isInstanceOf(AuthorizationException.class);
    identity.clearAuthentication();
    assertThat(internals.waitsForMessage(instance, MESSAGE)).isTrue();
  }

  @Test
  void shouldCompleteATaskThatExistsAndSayWhenItIsGone() {
    // given
    String instance = runtime.startProcessInstanceByKey(KEY, "dialog-1").getId();
    runtime.createMessageCorrelation(MESSAGE).processInstanceId(instance).correlate();
    String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();

    // when / then
    assertThat(internals.completeIfExists(task)).isTrue();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(internals.completeIfExists(task)).isFalse();
  }

  @Test
  void shouldTellTheEnginesSignInPauseAndMatchAPasswordWithoutCountingAFailure() {
    // given
    TestUsers.user(identity, "paula", "a-long-password-8", Role.OPERATOR);

    // when / then: a mismatch through the adapter pauses nobody; through checkPassword it pauses (3 s)
    assertThat(internals.passwordMatches("paula", "wrong-password")).isFalse();
    assertThat(internals.passwordMatches("paula", "a-long-password-8")).isTrue();
    assertThat(internals.passwordMatches("nobody", "a-long-password-8")).isFalse();
    assertThat(internals.signInPausedFor(user("paula"))).isZero();
    assertThat(identity.checkPassword("paula", "wrong-password")).isFalse();
    assertThat(internals.signInPausedFor(user("paula"))).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(internals.signInPausedFor(user("nobody"))).isZero();
  }
}
