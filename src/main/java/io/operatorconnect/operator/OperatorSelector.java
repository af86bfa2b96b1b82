package io.operatorconnect.operator;

import io.operatorconnect.routing.Candidate;
import io.operatorconnect.routing.Decision;
import io.operatorconnect.routing.Router;
import io.operatorconnect.routing.RoutingRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * One routing decision on the operators as the database has them now, read in the caller's
 * transaction, at a cost that does not grow with the number of operators:
 * <ul>
 *   <li>the database hands over only the {@link #RANKED} best eligible operators (per status for the
 *       ordered methods, drawn over all receiving statuses for the random ones), in the method's
 *       order ({@link RoutingReads#eligible}), through indexes, each with its load on the request's
 *       channel in the same statement; the {@link Router} checks and ranks them, and the decision record
 *       lists them in rank order;</li>
 *   <li>when nobody is eligible, the first {@link #SKIPPED_SHOWN} operators the request could go to
 *       are read in id order, as the request sees them too ({@link RoutingReads#inScope}), so that
 *       the decision says why each was skipped (in a desk of up to that many operators per subject, every
 *       one of them).</li>
 * </ul>
 * An assignment does not list the skipped operators: in a desk of thousands that list would cost a
 * read per decision and say little. Nothing is reserved here: the caller reserves the chosen operator
 * under the row lock ({@link OperatorCapacity#tryReserve}), going down the ranking when one was taken
 * meanwhile.
 */
@Component
public class OperatorSelector {

  /**
   * How many ranked operators a decision reads (per status for the ordered methods): room for a few to be
   * taken meanwhile by concurrent dialogs before the caller has to look again.
   */
  public static final int RANKED = 5;

  /** How many operators of the subject a decision without a free operator names, with the reason each was skipped. */
  public static final int SKIPPED_SHOWN = 20;

  private final RoutingReads operators;
  private final Router router;

  OperatorSelector(RoutingReads operators, Router router) {
    this.operators = operators;
    this.router = router;
  }

  /** Decides for the request, never choosing {@code excluded} (null: anybody may be chosen). */
  public Decision decide(RoutingRequest routing, String excluded) {
    List<Candidate> eligible = operators.eligible(routing, excluded, RANKED);
    if (!eligible.isEmpty()) {
      return router.decide(routing, eligible);
    }
    List<Candidate> inScope = operators.inScope(routing, excluded, SKIPPED_SHOWN + 1);
    boolean more = inScope.size() > SKIPPED_SHOWN;
    Decision decision = router.decide(routing, more ? inScope.subList(0, SKIPPED_SHOWN) : inScope);
    if (more && decision instanceof Decision.NoFreeOperator none) {
      return none.withMoreNotShown();
    }
    return decision;
  }
}
