package io.operatorconnect.process;

import io.operatorconnect.dialog.DialogLifecycle;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Registers Operator Connect with the engine: the parse listeners that tie diagrams to dialogs and
 * check our actions when a diagram is deployed, and history level {@code audit} without our actions'
 * inputs ({@link AuditWithoutActionInputs}) unless {@code operator-connect.processes.action-inputs-in-history}.
 */
@Component
class OperatorConnectEnginePlugin extends AbstractProcessEnginePlugin {

  // Looked up lazily: the lifecycle needs the engine's services, which exist only after this plugin ran.
  private final ObjectProvider<DialogLifecycle> lifecycle;
  private final ProcessesProperties processes;

  OperatorConnectEnginePlugin(ObjectProvider<DialogLifecycle> lifecycle, ProcessesProperties processes) {
    this.lifecycle = lifecycle;
    this.processes = processes;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new DialogLifecycleParseListener(lifecycle::getObject));
    configuration.getCustomPostBPMNParseListeners().add(new ScenarioCheckParseListener());
    if (!processes.actionInputsInHistory()) {
      configuration.getCustomPostBPMNParseListeners().add(new AuditWithoutActionInputs.MarkActions());
      if (configuration.getCustomHistoryLevels() == null) {
        configuration.setCustomHistoryLevels(new ArrayList<>());
      }
      // Of the levels named like the configured one, the engine takes the last: this one, for "audit".
      configuration.getCustomHistoryLevels().add(new AuditWithoutActionInputs());
    }
  }
}
