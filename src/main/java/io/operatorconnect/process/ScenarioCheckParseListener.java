package io.operatorconnect.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.ErrorEventDefinition;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks our actions when a diagram is deployed, however it is deployed: the literal inputs of every
 * connect and set-chat-operator-state task are read by the same code the delegates use, so a value the
 * action could never accept fails the deployment instead of the dialog; a connect task whose
 * {@code limit} error nobody catches is deployed with a warning. Expressions are left to run time.
 */
class ScenarioCheckParseListener extends AbstractBpmnParseListener {

  private static final Logger log = LoggerFactory.getLogger(ScenarioCheckParseListener.class);

  /** Runs once the whole diagram is parsed, so one failed deployment names every misconfigured action. */
  @Override
  public void parseRootElement(Element definitions, List<ProcessDefinitionEntity> processDefinitions) {
    if (processDefinitions.isEmpty() || !isNewDeployment(processDefinitions.get(0))) {
      return;
    }
    List<Problem> problems = new ArrayList<>();
    for (ProcessDefinitionEntity definition : processDefinitions) {
      definitions.elements("process").stream()
          .filter(process -> definition.getKey().equals(process.attribute("id")))
          .forEach(process -> forEachServiceTask(process, task -> check(task, definition, problems)));
    }
    if (!problems.isEmpty()) {
      throw new BpmnParseException(describe(problems), problems.get(0).task());
    }
  }

  private static void check(Element task, ProcessDefinitionEntity definition, List<Problem> problems) {
    String delegate = delegateOf(task);
    String where = task.attribute("id") + " in process '" + definition.getKey() + "'";
    try {
      if (BpmnNames.DELEGATE_CONNECT_TO_OPERATOR.equals(delegate)) {
        warnUnlessLimitIsCaught(definition.findActivity(task.attribute("id")), where);
        ConnectInputs.checkLiterals(inputs(task));
      } else if (BpmnNames.DELEGATE_SET_CHAT_OPERATOR_STATE.equals(delegate)) {
        ChatOperatorStateInputs.checkLiterals(inputs(task));
      }
    } catch (InvalidInputs invalid) {
      problems.add(new Problem(task, where, invalid.getMessage()));
    }
  }

  private static void warnUnlessLimitIsCaught(ActivityImpl task, String where) {
    if (task != null && !catchesLimit(task)) {
      log.warn("{}: nothing catches the connect action's '{}' error (no free operator), so the scenario would "
          + "end there and the client would wait for nobody; add an error boundary event with error code '{}' "
          + "to the task, leading for example to a wait-in-queue subprocess", where, BpmnNames.ERROR_LIMIT,
          BpmnNames.ERROR_LIMIT);
    }
  }

  /** The task's {@code camunda:delegateExpression} as the engine reads it (trimmed), or "" for none. */
  static String delegateOf(Element task) {
    return task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression", "").strip();
  }

  /**
   * The task's inputs by name: the literal text (trimmed, as the engine reads it), or null for a value
   * an expression, script, list or map gives at run time.
   */
  private static Map<String, String> inputs(Element task) {
    Map<String, String> inputs = new LinkedHashMap<>();
    Element extensions = task.element("extensionElements");
    Element inputOutput = extensions == null ? null
        : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputOutput");
    if (inputOutput == null) {
      return inputs;
    }
    for (Element input : inputOutput.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputParameter")) {
      String text = input.getText() == null ? "" : input.getText().trim();
      boolean literal = input.elements().isEmpty() && !text.contains("${") && !text.contains("#{");
      inputs.put(input.attribute("name"), literal ? text : null);
    }
    return inputs;
  }

  /**
   * Whether a {@code limit} BPMN error thrown by the activity is caught: by an error boundary event on
   * it or on an enclosing sub-process, or by an error event sub-process, each with the engine's own
   * matching (error code {@code limit}, or no error code at all).
   */
  private static boolean catchesLimit(ActivityImpl activity) {
    for (ScopeImpl scope = activity; scope != null;
        scope = scope instanceof ActivityImpl inner ? inner.getFlowScope() : null) {
      List<ErrorEventDefinition> catching = scope.getProperties().get(BpmnProperties.ERROR_EVENT_DEFINITIONS);
      if (catching != null && catching.stream().anyMatch(error -> error.catchesError(BpmnNames.ERROR_LIMIT))) {
        return true;
      }
    }
    return false;
  }

  private static void forEachServiceTask(Element scope, Consumer<Element> action) {
    for (Element element : scope.elements()) {
      if ("serviceTask".equals(element.getTagName())) {
        action.accept(element);
      } else {
        forEachServiceTask(element, action);
      }
    }
  }

  /**
   * The engine parses a diagram again when it reloads a deployed definition into its cache; a
   * definition deployed before a rule existed must still load, so only new deployments are checked
   * (as the engine itself does for historyTimeToLive).
   */
  private static boolean isNewDeployment(ProcessDefinitionEntity definition) {
    CommandContext command = Context.getCommandContext();
    if (command == null || definition.getDeploymentId() == null) {
      return true;
    }
    DeploymentEntity deployment = command.getDeploymentManager().findDeploymentById(definition.getDeploymentId());
    return deployment == null || deployment.isNew();
  }

  private static String describe(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).where() + ": " + problems.get(0).what();
    }
    return problems.size() + " misconfigured Operator Connect actions:" + problems.stream()
        .map(problem -> "\n  " + problem.where() + " (line " + problem.task().getLine() + "): " + problem.what())
        .collect(Collectors.joining());
  }

  private record Problem(Element task, String where, String what) {
  }
}
