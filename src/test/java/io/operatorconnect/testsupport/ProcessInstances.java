package io.operatorconnect.testsupport;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
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

  /**
   * The values a variable of the instance took, in the order they were written (the tests run at history
   * level full, which records every write).
   */
  public static List<Object> updatesOf(HistoryService history, String processInstanceId, String variable) {
    return history.createHistoricDetailQuery().processInstanceId(processInstanceId).variableUpdates()
        .orderPartiallyByOccurrence().asc().list().stream()
        .map(HistoricVariableUpdate.class::cast)
        .filter(update -> update.getVariableName().equals(variable))
        .map(HistoricVariableUpdate::getValue)
        .toList();
  }
}
