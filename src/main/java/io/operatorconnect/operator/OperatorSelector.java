package io.operatorconnect.operator;

import io.operatorconnect.routing.Candidate;
import io.operatorconnect.routing.Decision;
import io.operatorconnect.routing.Router;
import io.operatorconnect.routing.RoutingRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * One routing decision on the operators as the database has them now: the {@link Router} decides,
 * on a snapshot read in the caller's transaction. Nothing is reserved here; the caller reserves the
 * chosen operator under the row lock ({@link OperatorCapacity#tryReserve}).
 */
@Component
public class OperatorSelector {

  private final OperatorRepository operators;
  private final Router router;

  OperatorSelector(OperatorRepository operators, Router router) {
    this.operators = operators;
    this.router = router;
  }

  /** Decides for the request, never choosing {@code excluded} (null: anybody may be chosen). */
  public Decision decide(RoutingRequest routing, String excluded) {
    List<Candidate> candidates = operators.findAll().stream()
        .filter(operator -> !operator.id().equals(excluded))
        .map(Operator::toCandidate).toList();
    return router.decide(routing, candidates);
  }
}
