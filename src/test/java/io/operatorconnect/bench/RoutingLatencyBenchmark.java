package io.operatorconnect.bench;

import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.testsupport.AssignmentAudit;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Prints how long routing takes on the embedded H2 in memory with the example scenario
 * ({@code processes/support-chat.bpmn}, greeting included) and no other operators: see
 * {@link RoutingLatency} for the two measures. {@link BenchmarkSuite} takes the same measures with
 * 1,000 operators in the database. Not part of the default test run (surefire excludes *Benchmark);
 * run it with {@code ./mvnw -B test -Dtest=RoutingLatencyBenchmark}. It asserts only that the work was
 * done, never a time.
 */
@OperatorConnectTest
class RoutingLatencyBenchmark {

  @Autowired
  DialogService dialogs;
  @Autowired
  OperatorService operators;
  @Autowired
  AssignmentAudit audit;

  @Test
  void measureAssignmentAndDrainLatency() {
    RoutingLatency.Samples samples = new RoutingLatency(dialogs, operators, audit, "support_chat", "support", Map.of())
        .measure();

    System.out.println();
    System.out.println("Routing latency on H2, " + Runtime.getRuntime().availableProcessors() + " cores, "
        + RoutingLatency.MEASURED + " samples each (after " + RoutingLatency.WARM_UP + " warm-up)");
    System.out.println("| measure | p50 ms | p90 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|");
    System.out.println(row("new dialog -> assigned (operator free)", samples.assign()));
    System.out.println(row("close -> next queued dialog assigned", samples.drain()));
    System.out.println();
  }

  private static String row(String name, RoutingLatency.Distribution latency) {
    return String.format("| %s | %.2f | %.2f | %.2f | %.2f |", name, latency.millis(0.50), latency.millis(0.90),
        latency.millis(0.99), latency.millis(1.0));
  }
}
