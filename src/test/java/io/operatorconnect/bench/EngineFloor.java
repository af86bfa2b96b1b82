package io.operatorconnect.bench;

import io.operatorconnect.dialog.ConnectResult;
import io.operatorconnect.process.ActionVariables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.model.PropertyKey;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The engine's own share of the full flow: {@code bench-chat.bpmn} as it is, run by the same engine, but
 * with a stand-in for the connect action that routes in memory. What the stand-in leaves to the engine is
 * what the real action makes it do: the nine inputs read, the seven documented variables written as the
 * real action writes them (by the same code, {@link ActionVariables}: an unchanged value left alone), the
 * {@code limit} error thrown when no slot is free, the wait-in-queue subprocess with its second action,
 * {@code operator_connected} correlated with the variables Operator Connect's changes (the result, the
 * chat state, the operator's id and name, the queue position), and the user task completed. The instance
 * starts with the variables {@code POST /api/dialogs} gives it. What it does not do is Operator
 * Connect's own work: no dialog row, no operator rows, locks, decision record, transcript or events. So the floor's rate is the most any routing could reach
 * with this diagram, and full / floor is what Operator Connect's own work costs on top of the engine.
 * <p>
 * The stand-in's desk is the pool's slots in one counter (any free slot takes any dialog at once) and a
 * FIFO queue for the dialogs that found none; a freed slot or a newly queued dialog has a dispatcher
 * thread serve the queue's head, after the close or the queueing committed, as Operator Connect's own
 * dispatcher does.
 * The stand-in counts as one of our actions for the engine's history ({@link MarkStandIn}), so its inputs
 * are left out of the variable history as the real action's are.
 * Operator Connect's built-in listeners stay in the engine, as they are for every diagram: the user
 * task's assignee is written {@code ${ operator_id }}, which they do not recognise as the operator's
 * task, and the scenario's end and the end of the wait find no dialog (one read each; the baseline's
 * end pays the same read).
 */
@TestComponent("benchFloorConnect")
public class EngineFloor implements JavaDelegate {

  static final String PROCESS = "bench_floor";
  private static final List<String> INPUTS = List.of("auto_connect_operator", "status", "priority", "subject_alias",
      "assigned_operator", "method", "only_online", "message", "waiting_message");

  private final Semaphore slots = new Semaphore(BenchOperators.slots(BenchOperators.POOL));
  private final Queue<String> queue = new ConcurrentLinkedQueue<>();
  /** Dialogs the action connected at once, whose task their starter hands to the operators. */
  private final Set<String> connectedAtOnce = ConcurrentHashMap.newKeySet();
  private final List<String> agents = BenchOperators.POOL.stream().map(BenchOperators.Online::id).toList();
  private final AtomicInteger nextAgent = new AtomicInteger();

  /** Deploys the floor's diagram: bench-chat.bpmn with the stand-in in place of the connect action. */
  static void deploy(RepositoryService repository) {
    String chat;
    try {
      chat = Files.readString(FlowThroughput.PROCESSES.resolve("bench-chat.bpmn"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String floor = replaceOnce(chat, "id=\"" + FlowThroughput.FULL_SCENARIO + "\"", "id=\"" + PROCESS + "\"");
    floor = floor.replace("${connectToOperatorWithMsg}", "${benchFloorConnect}");
    floor = replaceOnce(floor, "camunda:assignee=\"${operator_id}\"", "camunda:assignee=\"${ operator_id }\"");
    repository.createDeployment().name("bench-floor").addString("bench-floor.bpmn", floor).deploy();
  }

  private static String replaceOnce(String text, String what, String with) {
    if (text.indexOf(what) < 0 || text.indexOf(what) != text.lastIndexOf(what)) {
      throw new IllegalStateException("bench-chat.bpmn no longer has exactly one " + what);
    }
    return text.replace(what, with);
  }

  /**
   * Writes what the real action writes, the way it writes it ({@link ActionVariables}: the same variables,
   * an unchanged one left alone), into the same scope.
   */
  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> inputs = new HashMap<>();
    INPUTS.forEach(name -> inputs.put(name, execution.getVariableLocal(name)));
    String dialog = execution.getProcessBusinessKey();
    VariableScope instance = execution.getProcessInstance();
    if ("queue".equals(inputs.get("status"))) {
      Map<String, Object> variables = ActionVariables.outputs(dialog, ConnectResult.QUEUED, null, null, queue.size() + 1, null);
      variables.put("chat_state", "QUEUED");
      ActionVariables.write(instance, variables);
      afterCommit(() -> queue.add(dialog));
      return;
    }
    if (slots.tryAcquire()) {
      String agent = nextAgent();
      Map<String, Object> variables = ActionVariables.outputs(dialog, ConnectResult.SUCCESS, agent, agent, null, null);
      variables.put("chat_state", "TAKEN_OVER");
      ActionVariables.write(instance, variables);
      connectedAtOnce.add(dialog);
      return;
    }
    ActionVariables.write(instance, ActionVariables.outputs(dialog, ConnectResult.LIMIT, null, null, null, null));
    throw new BpmnError("limit", "no free slot");
  }

  /** Takes every free slot of the stand-in's desk but {@code free}; returns how many it took. */
  int holdSlotsBut(int free) {
    int held = slots.drainPermits() - free;
    slots.release(free);
    return held;
  }

  /** Gives back slots {@link #holdSlotsBut} took. */
  void giveBack(int held) {
    slots.release(held);
  }

  private String nextAgent() {
    return agents.get(Math.floorMod(nextAgent.getAndIncrement(), agents.size()));
  }

  private static void afterCommit(Runnable action) {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }

  /**
   * Marks the stand-in's tasks as our actions are marked, so that the engine leaves their inputs out of the
   * variable history as it does for the real action ({@code process.AuditWithoutActionInputs}, whose
   * property this sets by its name). {@link FlowThroughput} checks after the run that neither flow wrote
   * an action's input to the history.
   */
  static final class MarkStandIn extends AbstractProcessEnginePlugin {

    private static final PropertyKey<Boolean> OUR_ACTION = new PropertyKey<>("operatorConnectAction");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      if (configuration.getCustomPostBPMNParseListeners() == null) {
        configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
      }
      configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
        @Override
        public void parseServiceTask(Element serviceTask, ScopeImpl scope, ActivityImpl activity) {
          if ("${benchFloorConnect}".equals(serviceTask.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS,
              "delegateExpression", ""))) {
            activity.getProperties().set(OUR_ACTION, Boolean.TRUE);
          }
        }
      });
    }
  }

  /** The floor as a flow of the load driver. */
  final class Flow extends FlowThroughput.Flow {

    private final RuntimeService runtime;
    private final TaskService tasks;
    /** Serves the queue, as Operator Connect's dispatcher does: one thread, apart from clients and operators. */
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "floor-dispatcher");
      thread.setDaemon(true);
      return thread;
    });

    Flow(RuntimeService runtime, TaskService tasks) {
      this.runtime = runtime;
      this.tasks = tasks;
    }

    @Override
    String name() {
      return "floor";
    }

    @Override
    void start(int number, FlowThroughput.Arrival arrival) {
      String dialog = "floor-" + number;
      // the variables POST /api/dialogs starts a scenario with, and the load's subject
      Map<String, Object> variables = Map.of("dialog_id", dialog, "channel", arrival.channel(),
          "client_id", "client-" + number, "chat_state", "BOT", "subject", arrival.subject());
      String instance = runtime.startProcessInstanceByKey(PROCESS, dialog, variables).getId();
      if (connectedAtOnce.remove(dialog)) {
        handToOperator(instance);
      } else {
        dispatcher.execute(this::serveQueue);
      }
    }

    /** The instance's task is the operator's now. */
    private void handToOperator(String instance) {
      ready(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
    }

    @Override
    void finish(String taskId) {
      tasks.complete(taskId);
      slots.release();
      dispatcher.execute(this::serveQueue);
    }

    /** While a slot is free, the queue's head gets it: operator_connected, then the task is the operator's. */
    private void serveQueue() {
      while (!queue.isEmpty() && slots.tryAcquire()) {
        String dialog = queue.poll();
        if (dialog == null) {
          slots.release();
          return;
        }
        String agent = nextAgent();
        // what Operator Connect's operator_connected changes: the result, the chat state, the operator, the
        // queue position (connect_error stays null)
        Map<String, Object> variables = new HashMap<>(Map.of("connect_result", "success", "chat_state", "TAKEN_OVER",
            "operator_id", agent, "operator_name", agent));
        variables.put("queue_position", null);
        String instance = runtime.createMessageCorrelation("operator_connected").processInstanceBusinessKey(dialog)
            .setVariables(variables).correlateWithResult().getExecution().getProcessInstanceId();
        servedFromQueue.incrementAndGet();
        handToOperator(instance);
      }
    }
  }
}
