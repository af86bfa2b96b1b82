package io.operatorconnect.process;

import io.operatorconnect.dialog.DialogLifecycle;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Registers Operator Connect with the engine: the parse listeners that tie diagrams to dialogs and
 * check our actions when a diagram is deployed.
 */
@Component
class OperatorConnectEnginePlugin extends AbstractProcessEnginePlugin {

  // Looked up lazily: the lifecycle needs the engine's services, which exist only after this plugin ran.
  private final ObjectProvider<DialogLifecycle> lifecycle;

  OperatorConnectEnginePlugin(ObjectProvider<DialogLifecycle> lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new DialogLifecycleParseListener(lifecycle::getObject));
    configuration.getCustomPostBPMNParseListeners().add(new ScenarioCheckParseListener());
  }
}
