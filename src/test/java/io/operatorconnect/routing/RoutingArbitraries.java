package io.operatorconnect.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Generated operators and routing requests for the routing properties. Small pools of ids, groups, channels and
 * instants on purpose: ties, limits reached exactly, unknown names and empty answers then turn up often.
 */
final class RoutingArbitraries {

  /** Operator ids; the rotation cursor also takes names that fall before, between and after them. */
  static final List<String> IDS = List.of("anna", "boris", "carl", "dora", "emil", "fay", "gus", "hana");
  static final List<String> GROUPS = List.of("support", "sales", "billing");
  static final List<String> CHANNELS = List.of("web", "telegram", "vk");
  static final int MAX_OPERATORS = 8;

  private static final Instant NINE_O_CLOCK = Instant.parse("2024-01-01T09:00:00Z");

  private RoutingArbitraries() {
  }

  /** Up to eight operators with distinct ids, in no particular order. */
  static Arbitrary<List<Candidate>> operators() {
    return candidates().list().ofMaxSize(MAX_OPERATORS).withSizeDistribution(RandomDistribution.uniform())
        .uniqueElements(Candidate::id);
  }

  /** Operators and a request with the one method for which at least {@code eligible} operators are eligible. */
  static Arbitrary<Routing> routingsWithAChoice(DistributionMethod method, int eligible) {
    return Combinators.combine(operators(), requests(method)).as(Routing::new)
        .filter(routing -> routing.eligible().size() >= eligible);
  }

  static Arbitrary<Candidate> candidates() {
    return Combinators.combine(
            Arbitraries.of(IDS),
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(OperatorStatus.ONLINE)),
                Tuple.of(1, Arbitraries.just(OperatorStatus.AWAY)),
                Tuple.of(1, Arbitraries.just(OperatorStatus.OFFLINE))),
            Arbitraries.of(GROUPS).set(),
            Arbitraries.integers().between(0, 4),
            Arbitraries.maps(Arbitraries.of(CHANNELS), Arbitraries.integers().between(0, 3)).ofMaxSize(CHANNELS.size()),
            Arbitraries.maps(Arbitraries.of(CHANNELS), Arbitraries.integers().between(0, 2)).ofMaxSize(2),
            instants(),
            instants())
        .as(RoutingArbitraries::candidate);
  }

  /** Requests with any method. */
  static Arbitrary<RoutingRequest> requests() {
    return requests(Arbitraries.of(DistributionMethod.class));
  }

  /** Requests with the one method, and no assigned operator: the method alone decides the order. */
  static Arbitrary<RoutingRequest> requests(DistributionMethod method) {
    return Combinators.combine(Arbitraries.of(CHANNELS), subjects(), Arbitraries.of(true, false), cursors())
        .as((channel, subject, onlyOnline, cursor) -> new RoutingRequest(channel, subject, null, method, onlyOnline,
            cursor));
  }

  private static Arbitrary<RoutingRequest> requests(Arbitrary<DistributionMethod> methods) {
    Arbitrary<String> assignedOperators = Arbitraries.of(IDS).injectNull(0.85);
    return Combinators.combine(Arbitraries.of(CHANNELS), subjects(), assignedOperators, methods,
            Arbitraries.of(true, false), cursors())
        .as(RoutingRequest::new);
  }

  /** Mostly a known group or none; now and then a subject nobody belongs to. */
  private static Arbitrary<String> subjects() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(GROUPS)),
        Tuple.of(3, Arbitraries.just((String) null)),
        Tuple.of(1, Arbitraries.just("legal")));
  }

  private static Arbitrary<String> cursors() {
    return Arbitraries.oneOf(Arbitraries.of(IDS), Arbitraries.of("aaron", "bea", "zoe")).injectNull(0.2);
  }

  /** Whole hours after nine, so equal instants are common; {@code null} for "never". */
  private static Arbitrary<Instant> instants() {
    return Arbitraries.integers().between(0, 3).map(hours -> NINE_O_CLOCK.plusSeconds(3600L * hours)).injectNull(0.3);
  }

  private static Candidate candidate(String id, OperatorStatus status, Set<String> groups, int maxDialogs,
      Map<String, Integer> channelLimits, Map<String, Integer> activeByChannel, Instant lastAssignedAt,
      Instant lastClosedAt) {
    int activeDialogs = activeByChannel.values().stream().mapToInt(Integer::intValue).sum();
    return new Candidate(id, id, status, groups, maxDialogs, channelLimits, activeDialogs, activeByChannel,
        lastAssignedAt, lastClosedAt);
  }

  /** One routing question: the operators and the request. */
  record Routing(List<Candidate> operators, RoutingRequest request) {

    /** The operators that {@link Eligibility} lets take the dialog. */
    List<Candidate> eligible() {
      return operators.stream().filter(operator -> Eligibility.check(operator, request).isEmpty()).toList();
    }
  }
}
