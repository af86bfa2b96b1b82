package io.operatorconnect.testsupport;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Process instances for camunda-bpm-assert, including ones that ended before the test could query them. */
public final class ProcessInstances {

  private ProcessInstances() {
  }

  /**
   * The running instance, or for an ended one a stand-in carrying only its id: that is all
   * camunda-bpm-assert needs to read the instance's history ({@code isEnded()}, {@code hasPassed()},
   * {@code variables()}).
   */
  public static ProcessInstance byId(RuntimeService runtime, String processInstanceId) {
    ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    if (running != null) {
      return running;
    }
    ExecutionEntity ended = new ExecutionEntity();
    ended.setId(processInstanceId);
    ended.setProcessInstanceId(processInstanceId);
    return ended;
  }
}
