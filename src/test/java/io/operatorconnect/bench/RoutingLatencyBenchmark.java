package io.operatorconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.DialogView;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.testsupport.AssignmentAudit;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Prints how long routing takes on the embedded H2 (the example scenario, one JVM, no HTTP):
 * <ul>
 *   <li>assign: a new dialog until its assignment has committed, with a free operator;</li>
 *   <li>drain: an operator's close until the next queued dialog's assignment has committed.</li>
 * </ul>
 * Not part of the default test run (surefire excludes *Benchmark); run it with
 * {@code ./mvnw -B test -Dtest=RoutingLatencyBenchmark}. It asserts only that the work was done,
 * never a time.
 */
@OperatorConnectTest
class RoutingLatencyBenchmark {

  private static final int WARM_UP = 200;
  private static final int MEASURED = 500;

  @Autowired
  DialogService dialogs;
  @Autowired
  OperatorService operators;
  @Autowired
  AssignmentAudit audit;

  @Test
  void measureAssignmentAndDrainLatency() {
    operators.create("anna", "Anna", Set.of("support"), 1000, Map.of(), OperatorStatus.ONLINE);
    measureAssign(WARM_UP);
    List<Long> assign = measureAssign(MEASURED);

    operators.create("bob", "Bob", Set.of("support"), 1, Map.of(), OperatorStatus.ONLINE);
    operators.setStatus("anna", OperatorStatus.OFFLINE);
    measureDrain(WARM_UP);
    List<Long> drain = measureDrain(MEASURED);

    System.out.println();
    System.out.println("Routing latency on H2, " + Runtime.getRuntime().availableProcessors() + " cores, "
        + MEASURED + " samples each (after " + WARM_UP + " warm-up)");
    System.out.println("| measure | p50 ms | p90 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|");
    System.out.println(row("new dialog -> assigned (operator free)", assign));
    System.out.println(row("close -> next queued dialog assigned", drain));
    System.out.println();
  }

  private List<Long> measureAssign(int samples) {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long begin = System.nanoTime();
      DialogView dialog = dialogs.start("telegram", "client-" + i, "support_chat", Map.of());
      assertThat(dialog.state()).isEqualTo(DialogState.TAKEN_OVER);
      nanos.add(audit.committedAt(dialog.id()) - begin);
      dialogs.close(dialog.id());
    }
    return nanos;
  }

  /** Bob holds one dialog and one more waits; each close must hand him the waiting one. */
  private List<Long> measureDrain(int samples) {
    List<Long> nanos = new ArrayList<>();
    DialogView current = dialogs.start("telegram", "client-first", "support_chat", Map.of());
    assertThat(current.operatorId()).isEqualTo("bob");
    for (int i = 0; i < samples; i++) {
      DialogView waiting = dialogs.start("telegram", "client-waiting-" + i, "support_chat", Map.of());
      assertThat(waiting.state()).isEqualTo(DialogState.QUEUED);
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

  private static String row(String name, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return "| " + name + " | " + ms(sorted, 0.50) + " | " + ms(sorted, 0.90) + " | " + ms(sorted, 0.99) + " | "
        + ms(sorted, 1.0) + " |";
  }

  private static String ms(List<Long> sorted, double quantile) {
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
    return String.format("%.2f", sorted.get(Math.max(0, index)) / 1_000_000.0);
  }
}
