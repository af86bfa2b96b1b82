package io.operatorconnect.operator;

import io.operatorconnect.routing.Eligibility;
import io.operatorconnect.routing.RoutingRequest;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes and frees operators' dialog slots, atomically in the database: the operator's row is
 * locked, read afresh (with what the request looks at: the subject, the channel's limit and load) and
 * checked with the same {@link Eligibility} rule the router used, and only then counted up. The
 * reservation belongs to the caller's transaction (usually the engine's), so it commits or rolls back
 * with the step that made it.
 */
@Component
public class OperatorCapacity {

  private final OperatorRepository operators;
  private final RoutingReads routingReads;
  private final TransactionTemplate savepoint;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  OperatorCapacity(OperatorRepository operators, RoutingReads routingReads, PlatformTransactionManager transactions,
      ApplicationEventPublisher events, Clock clock) {
    this.operators = operators;
    this.routingReads = routingReads;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.events = events;
    this.clock = clock;
  }

  /**
   * Takes one slot of the operator for the request if the locked row still allows it. A refused
   * attempt rolls back to a savepoint, which releases the row lock at once: a transaction never
   * keeps a lock on an operator it did not get, so two routers trying operators in different orders
   * cannot deadlock.
   */
  public Reservation tryReserve(String operatorId, RoutingRequest request) {
    return savepoint.execute(status -> {
      var locked = routingReads.lockForRequest(operatorId, request);
      if (locked.isEmpty()) {
        status.setRollbackOnly();
        return Reservation.refused(null);
      }
      var refusal = Eligibility.check(locked.get(), request);
      if (refusal.isPresent()) {
        status.setRollbackOnly();
        return Reservation.refused(refusal.get());
      }
      operators.incrementActive(operatorId, clock.instant());
      return Reservation.of(new Assignee(locked.get().id(), locked.get().name()));
    });
  }

  /** Frees one slot and lets the queue move on once the transaction commits. */
  public void release(String operatorId, String cause) {
    operators.decrementActive(operatorId, clock.instant());
    events.publishEvent(new SlotFreed(operatorId, cause));
  }
}
