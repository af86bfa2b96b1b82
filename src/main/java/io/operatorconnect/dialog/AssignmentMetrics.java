package io.operatorconnect.dialog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.operatorconnect.routing.DecisionRecord;
import io.operatorconnect.system.WaitBuckets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Routing metrics, counted on this node after the deciding transaction commits (a decision or an
 * assignment that rolls back is not counted, as it is not in the decision record either):
 * <ul>
 *   <li>{@value #DECISIONS}: every routing decision written to the decision record, by {@code via},
 *       {@code method} and {@code outcome};</li>
 *   <li>{@value #TIME_TO_ASSIGNMENT}: from the moment a dialog started waiting for an operator to its
 *       assignment, by {@code via}; 0 for a dialog connected at once.</li>
 * </ul>
 * No tag names an operator or a dialog: with thousands of operators every tag value is a time series
 * of its own in Prometheus, so operators are counted in aggregate only ({@code OperatorLoadMetrics}).
 */
@Component
class AssignmentMetrics {

  static final String DECISIONS = "operatorconnect.routing.decisions";
  static final String TIME_TO_ASSIGNMENT = "operatorconnect.dialog.time.to.assignment";

  private final MeterRegistry registry;

  AssignmentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onDecision(DecisionRecorded recorded) {
    DecisionRecord decision = recorded.decision();
    Counter.builder(DECISIONS)
        .description("Routing decisions written to the decision record (repeats of an unchanged no-free-operator"
            + " decision for a waiting dialog are not written)")
        .tag("via", recorded.via().name())
        .tag("method", recorded.method())
        .tag("outcome", decision.outcome().name())
        .register(registry)
        .increment();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onAssigned(DialogAssigned assigned) {
    if (assigned.waitingSince() == null) {
      return; // handed over from another operator: the dialog never went without one
    }
    Timer.builder(TIME_TO_ASSIGNMENT)
        .description("From the moment a dialog started waiting for an operator to its assignment; 0 when connected"
            + " at once")
        .tag("via", assigned.via().name())
        .serviceLevelObjectives(WaitBuckets.waits())
        .register(registry)
        .record(assigned.waited());
  }
}
