package io.operatorconnect.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Chooses an operator for a dialog: filters by {@link Eligibility} and orders the eligible by the
 * {@link DistributionMethod}. Pure and deterministic for a given random source.
 */
public final class Router {

  private static final Comparator<Instant> OLDEST_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

  private final RandomGenerator random;

  public Router(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Decides for one request among the given operators (all operators that could ever serve it:
   * the members of the subject, or everybody when there is no subject).
   */
  public Decision decide(RoutingRequest request, Collection<Candidate> operators) {
    if (request.assignedOperator() != null
        && operators.stream().noneMatch(operator -> operator.id().equals(request.assignedOperator()))) {
      return new Decision.Invalid("unknown operator '" + request.assignedOperator() + "'");
    }
    if (request.subject() != null && operators.stream().noneMatch(operator -> operator.belongsTo(request.subject()))) {
      return new Decision.Invalid("unknown subject '" + request.subject() + "': no operator belongs to it");
    }
    Map<String, SkipReason> skipped = new LinkedHashMap<>();
    List<Candidate> eligible = new ArrayList<>();
    for (Candidate operator : operators) {
      Eligibility.check(operator, request).ifPresentOrElse(
          reason -> skipped.put(operator.id(), reason),
          () -> eligible.add(operator));
    }
    if (eligible.isEmpty()) {
      return new Decision.NoFreeOperator(skipped);
    }
    List<Candidate> ranked = rank(eligible, request);
    return new Decision.Assigned(ranked.get(0), request.method(), ranked, skipped);
  }

  private List<Candidate> rank(List<Candidate> eligible, RoutingRequest request) {
    List<Candidate> ranked = new ArrayList<>(eligible);
    // A stable base order makes every tie-break below reproducible.
    ranked.sort(Comparator.comparing(Candidate::id));
    switch (request.method()) {
      case FEWEST_DIALOGS_THEN_IDLE -> ranked.sort(Comparator.comparingInt(Candidate::activeDialogs)
          .thenComparing(Candidate::lastClosedAt, OLDEST_FIRST)
          .thenComparing(Candidate::lastAssignedAt, OLDEST_FIRST));
      case FEWEST_DIALOGS -> {
        shuffle(ranked);
        ranked.sort(Comparator.comparingInt(Candidate::activeDialogs));
      }
      case LONGEST_IDLE -> ranked.sort(Comparator.comparing(Candidate::lastAssignedAt, OLDEST_FIRST));
      case ROUND_ROBIN -> rotate(ranked, request.rotationCursor());
      case RANDOM -> shuffle(ranked);
    }
    return ranked;
  }

  /** Fisher-Yates with the injected source (Collections.shuffle takes a RandomGenerator only from Java 21). */
  private void shuffle(List<Candidate> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
  }

  /** Puts the first operator whose id follows the cursor at the head, keeping id order and wrapping around. */
  private static void rotate(List<Candidate> byId, String cursor) {
    if (cursor == null) {
      return;
    }
    int next = 0;
    while (next < byId.size() && byId.get(next).id().compareTo(cursor) <= 0) {
      next++;
    }
    Collections.rotate(byId, -next);
  }
}
