package io.operatorconnect.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The one eligibility rule (DESIGN.md "Eligibility and order"), checked on generated operators and requests. */
class EligibilityProperties {

  /** Each way an operator can be refused, in the order {@link Eligibility#check} reports them. */
  private static final List<Rule> RULES = List.of(
      new Rule(SkipReason.NOT_REQUESTED, (operator, request) -> request.assignedOperator() != null
          && !request.assignedOperator().equals(operator.id())),
      new Rule(SkipReason.OTHER_SUBJECT, (operator, request) -> request.subject() != null
          && !operator.groups().contains(request.subject())),
      new Rule(SkipReason.OFFLINE, (operator, request) -> operator.status() == OperatorStatus.OFFLINE),
      new Rule(SkipReason.AWAY, (operator, request) -> operator.status() == OperatorStatus.AWAY
          && request.onlyOnline()),
      new Rule(SkipReason.GENERAL_LIMIT, (operator, request) -> operator.activeDialogs() >= operator.maxDialogs()),
      new Rule(SkipReason.CHANNEL_LIMIT, (operator, request) -> operator.channelLimits().containsKey(request.channel())
          && operator.activeByChannel().getOrDefault(request.channel(), 0)
              >= operator.channelLimits().get(request.channel())));

  @Property
  void shouldAcceptExactlyTheOperatorsWhoBreakNoRule(@ForAll("operators") Candidate operator,
      @ForAll("requests") RoutingRequest request) {
    // when
    Optional<SkipReason> reason = Eligibility.check(operator, request);

    // then
    Statistics.label("accepted").collect(reason.isEmpty());
    assertThat(reason.isEmpty()).isEqualTo(RULES.stream().noneMatch(rule -> rule.brokenBy(operator, request)));
    Statistics.label("accepted").coverage(coverage -> coverage.check(true).percentage(percent -> percent >= 10));
  }

  @Property
  void shouldNameTheFirstRuleTheOperatorBreaks(@ForAll("operators") Candidate operator,
      @ForAll("requests") RoutingRequest request) {
    // given
    Optional<SkipReason> firstBroken = RULES.stream().filter(rule -> rule.brokenBy(operator, request))
        .map(Rule::reason).findFirst();

    // when
    Optional<SkipReason> reason = Eligibility.check(operator, request);

    // then
    Statistics.label("reason").collect(reason.map(SkipReason::name).orElse("accepted"));
    assertThat(reason).isEqualTo(firstBroken);
  }

  @Property
  void shouldStillAcceptAnOperatorAfterOneOfTheirDialogsCloses(@ForAll("busyOperators") Candidate operator,
      @ForAll("requests") RoutingRequest request) {
    // given an operator with a dialog open on some channel
    String channel = operator.activeByChannel().entrySet().stream().filter(entry -> entry.getValue() > 0)
        .map(Map.Entry::getKey).findFirst().orElseThrow();

    // when
    Candidate lessBusy = withOneDialogClosed(operator, channel);

    // then
    boolean accepted = Eligibility.check(operator, request).isEmpty();
    Statistics.label("accepted while busier").collect(accepted);
    if (accepted) {
      assertThat(Eligibility.check(lessBusy, request)).isEmpty();
    }
    Statistics.label("accepted while busier")
        .coverage(coverage -> coverage.check(true).percentage(percent -> percent >= 5));
  }

  @Property
  void shouldAcceptEveryoneTheOnlyOnlineActionAcceptsWhenAwayOperatorsMayReceiveToo(
      @ForAll("operators") Candidate operator, @ForAll("requests") RoutingRequest request) {
    // given
    RoutingRequest onlyOnline = withOnlyOnline(request, true);
    RoutingRequest awayToo = withOnlyOnline(request, false);

    // when / then
    if (Eligibility.check(operator, onlyOnline).isEmpty()) {
      assertThat(Eligibility.check(operator, awayToo)).isEmpty();
    }
    if (operator.status() != OperatorStatus.ONLINE) {
      assertThat(Eligibility.check(operator, onlyOnline)).isPresent();
    }
  }

  @Provide
  Arbitrary<Candidate> operators() {
    return RoutingArbitraries.candidates();
  }

  @Provide
  Arbitrary<Candidate> busyOperators() {
    return RoutingArbitraries.candidates().filter(operator -> operator.activeDialogs() > 0);
  }

  @Provide
  Arbitrary<RoutingRequest> requests() {
    return RoutingArbitraries.requests();
  }

  private static Candidate withOneDialogClosed(Candidate operator, String channel) {
    Map<String, Integer> activeByChannel = new HashMap<>(operator.activeByChannel());
    activeByChannel.merge(channel, -1, Integer::sum);
    return new Candidate(operator.id(), operator.name(), operator.status(), operator.groups(), operator.maxDialogs(),
        operator.channelLimits(), operator.activeDialogs() - 1, activeByChannel, operator.lastAssignedAt(),
        operator.lastClosedAt());
  }

  private static RoutingRequest withOnlyOnline(RoutingRequest request, boolean onlyOnline) {
    return new RoutingRequest(request.channel(), request.subject(), request.assignedOperator(), request.method(),
        onlyOnline, request.rotationCursor());
  }

  private record Rule(SkipReason reason, BiPredicate<Candidate, RoutingRequest> broken) {

    boolean brokenBy(Candidate operator, RoutingRequest request) {
      return broken.test(operator, request);
    }
  }
}
