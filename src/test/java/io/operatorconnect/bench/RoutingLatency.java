package io.operatorconnect.bench;

import static org.awaitility.Awaitility.await;

import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.DialogView;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.testsupport.AssignmentAudit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How long routing takes, one dialog at a time with nothing else running, in one application (no HTTP):
 * <ul>
 *   <li>assign: a new dialog until its assignment has committed, with a free operator;</li>
 *   <li>drain: an operator's close until the next queued dialog's assignment has committed (the close
 *       itself included).</li>
 * </ul>
 * The moment of the commit comes from {@link AssignmentAudit}, which the application must carry. It
 * creates its own two operators of the subject: anna (room for all) takes the assign samples; then anna
 * goes offline and bob (one slot) takes the drain samples, so each of his closes serves the one dialog
 * waiting. Used by {@link RoutingLatencyBenchmark} (the example scenario) and {@link BenchmarkSuite}
 * (the benchmark's scenario with 1,000 operators in the database).
 */
public final class RoutingLatency {

  public static final int WARM_UP = 200;
  public static final int MEASURED = 500;
  /** How many operators {@link #measure()} creates. */
  public static final int OPERATORS = 2;
  private static final String CHANNEL = "telegram";

  private final DialogService dialogs;
  private final OperatorService operators;
  private final AssignmentAudit audit;
  private final String scenario;
  private final String subject;
  private final Map<String, Object> variables;

  /**
   * @param scenario  the process to start, which routes to {@code subject} (its connect action's
   *                  {@code subject_alias}, literally or from {@code variables})
   * @param variables the start variables of every dialog
   */
  public RoutingLatency(DialogService dialogs, OperatorService operators, AssignmentAudit audit, String scenario,
      String subject, Map<String, Object> variables) {
    this.dialogs = dialogs;
    this.operators = operators;
    this.audit = audit;
    this.scenario = scenario;
    this.subject = subject;
    this.variables = Map.copyOf(variables);
  }

  /** Both measures, each after {@link #WARM_UP} unmeasured samples. */
  public Samples measure() {
    operators.create("anna", "Anna", Set.of(subject), 1000, Map.of(), OperatorStatus.ONLINE);
    assign(WARM_UP);
    List<Long> assign = assign(MEASURED);

    operators.create("bob", "Bob", Set.of(subject), 1, Map.of(), OperatorStatus.ONLINE);
    operators.setStatus("anna", OperatorStatus.OFFLINE);
    drain(WARM_UP);
    List<Long> drain = drain(MEASURED);
    return new Samples(new Distribution(assign), new Distribution(drain));
  }

  private List<Long> assign(int samples) {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long begin = System.nanoTime();
      DialogView dialog = start("client-" + i);
      expect(dialog, DialogState.TAKEN_OVER);
      nanos.add(audit.committedAt(dialog.id()) - begin);
      dialogs.close(dialog.id());
    }
    return nanos;
  }

  /** Bob holds one dialog and one more waits; each close must hand him the waiting one. */
  private List<Long> drain(int samples) {
    List<Long> nanos = new ArrayList<>();
    DialogView current = start("client-first");
    expect(current, DialogState.TAKEN_OVER);
    for (int i = 0; i < samples; i++) {
      DialogView waiting = start("client-waiting-" + i);
      expect(waiting, DialogState.QUEUED);
      long begin = System.nanoTime();
      dialogs.close(current.id());
      Long served = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofNanos(200_000))
          .until(() -> audit.committedAt(waiting.id()), at -> at != null);
      nanos.add(served - begin);
      current = waiting;
    }
    dialogs.close(current.id());
    return nanos;
  }

  private DialogView start(String clientId) {
    return dialogs.start(CHANNEL, clientId, scenario, new HashMap<>(variables));
  }

  /** The benchmark checks that the work was done as intended, never a time. */
  private static void expect(DialogView dialog, DialogState state) {
    if (dialog.state() != state) {
      throw new IllegalStateException("dialog " + dialog.id() + " is " + dialog.state() + ", expected " + state
          + " (connect result " + dialog.connectResult() + ", operator " + dialog.operatorId() + ")");
    }
  }

  /** The assign and drain samples, in nanoseconds. */
  public record Samples(Distribution assign, Distribution drain) {
  }

  /** Samples in nanoseconds, read as quantiles in milliseconds. */
  public record Distribution(List<Long> nanos) {

    public Distribution {
      nanos = nanos.stream().sorted().toList();
    }

    /** The sample at the quantile (0.5 the median, 1.0 the maximum), nearest-rank, in milliseconds. */
    public double millis(double quantile) {
      int rank = (int) Math.ceil(quantile * nanos.size());
      return nanos.get(Math.min(nanos.size() - 1, Math.max(0, rank - 1))) / 1_000_000.0;
    }
  }
}
