package io.operatorconnect.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.operatorconnect.routing.RoutingArbitraries.Routing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** The routing rules of DESIGN.md "Distribution methods", checked on generated operators and requests. */
class RouterProperties {

  /** Tries for the properties that need a real choice; generating those costs several rejected samples each. */
  private static final int CHOICES = 300;

  private static final Comparator<Instant> NEVER_OR_OLDEST_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

  /**
   * Chi-square critical values at p = 1e-6 for 1 to 7 degrees of freedom (index = degrees of freedom): a fair
   * random choice exceeds them about once in a million tries, a biased one at once.
   */
  private static final double[] CHI_SQUARE_CRITICAL = {0, 23.93, 27.63, 30.66, 33.38, 35.89, 38.26, 40.52};

  @Property
  void shouldRankOnlyEligibleOperatorsWithTheChosenOneFirst(@ForAll("operators") List<Candidate> operators,
      @ForAll("requests") RoutingRequest request, @ForAll long seed) {
    // when
    Decision decision = new Router(new Random(seed)).decide(request, operators);

    // then
    Statistics.label("decision").collect(decision.getClass().getSimpleName());
    if (decision instanceof Decision.Assigned assigned) {
      assertThat(assigned.ranked()).first().isEqualTo(assigned.operator());
      assertThat(assigned.ranked()).allSatisfy(operator -> assertThat(Eligibility.check(operator, request)).isEmpty());
    }
  }

  @Property
  void shouldAssignWhileAnyOperatorIsEligibleAndRankEveryEligibleOne(@ForAll("operators") List<Candidate> operators,
      @ForAll("requests") RoutingRequest request, @ForAll long seed) {
    // given
    Assume.that(namesOnlyKnownOperatorsAndSubjects(request, operators));
    List<Candidate> eligible = eligible(operators, request);
    Statistics.label("someone eligible").collect(!eligible.isEmpty());

    // when
    Decision decision = new Router(new Random(seed)).decide(request, operators);

    // then
    if (eligible.isEmpty()) {
      assertThat(decision).isInstanceOf(Decision.NoFreeOperator.class);
    } else {
      assertThat(decision).asInstanceOf(type(Decision.Assigned.class)).satisfies(assigned -> {
        assertThat(assigned.method()).isEqualTo(request.method());
        assertThat(assigned.ranked()).containsExactlyInAnyOrderElementsOf(eligible);
      });
    }
    Statistics.label("someone eligible").coverage(coverage -> {
      coverage.check(true).percentage(percent -> percent >= 30);
      coverage.check(false).percentage(percent -> percent >= 10);
    });
  }

  @Property
  void shouldGiveTheReasonForEveryOperatorNotRanked(@ForAll("operators") List<Candidate> operators,
      @ForAll("requests") RoutingRequest request, @ForAll long seed) {
    // given
    Assume.that(namesOnlyKnownOperatorsAndSubjects(request, operators));
    Map<String, SkipReason> expected = new HashMap<>();
    operators.forEach(operator -> Eligibility.check(operator, request)
        .ifPresent(reason -> expected.put(operator.id(), reason)));

    // when
    Decision decision = new Router(new Random(seed)).decide(request, operators);

    // then
    Map<String, SkipReason> skipped = decision instanceof Decision.Assigned assigned
        ? assigned.skipped()
        : ((Decision.NoFreeOperator) decision).skipped();
    assertThat(skipped).isEqualTo(expected);
  }

  @Property
  void shouldCallTheRequestInvalidExactlyWhenItNamesAnUnknownOperatorOrSubject(
      @ForAll("operators") List<Candidate> operators, @ForAll("requests") RoutingRequest request, @ForAll long seed) {
    // when
    Decision decision = new Router(new Random(seed)).decide(request, operators);

    // then
    boolean valid = namesOnlyKnownOperatorsAndSubjects(request, operators);
    Statistics.label("valid").collect(valid);
    assertThat(decision instanceof Decision.Invalid).isEqualTo(!valid);
  }

  @Property(tries = CHOICES)
  void shouldRankFewestDialogsFirstThenTheLastDialogClosedLongestAgo(@ForAll("fewestDialogsThenIdle") Routing routing,
      @ForAll long seed) {
    // when
    List<Candidate> ranked = ranked(new Router(new Random(seed)).decide(routing.request(), routing.operators()));

    // then ties on the last dialog closed go to the oldest assignment, then the id (DistributionMethod)
    assertThat(ranked).isSortedAccordingTo(Comparator.comparingInt(Candidate::activeDialogs)
        .thenComparing(Candidate::lastClosedAt, NEVER_OR_OLDEST_FIRST)
        .thenComparing(Candidate::lastAssignedAt, NEVER_OR_OLDEST_FIRST)
        .thenComparing(Candidate::id));
  }

  @Property(tries = CHOICES)
  void shouldRankFewestDialogsFirst(@ForAll("fewestDialogs") Routing routing,
      @ForAll long seed) {
    // when
    List<Candidate> ranked = ranked(new Router(new Random(seed)).decide(routing.request(), routing.operators()));

    // then
    assertThat(ranked).isSortedAccordingTo(Comparator.comparingInt(Candidate::activeDialogs));
  }

  @Property(tries = 100)
  void shouldBreakATieInFewestDialogsUniformlyAtRandom(@ForAll("fewestDialogsWithATie") Routing routing,
      @ForAll long seed) {
    // given the eligible operators with the fewest dialogs
    Set<String> tied = tiedAtFewestDialogs(routing);

    // when
    Map<String, Integer> wins = draw(new Router(new Random(seed)), routing, 100 * tied.size());

    // then
    assertThat(wins.keySet()).isEqualTo(tied);
    assertUniform(wins);
  }

  @Property(tries = CHOICES)
  void shouldRankTheOperatorWhoseLastAssignmentIsOldestFirst(@ForAll("longestIdle") Routing routing,
      @ForAll long seed) {
    // when
    List<Candidate> ranked = ranked(new Router(new Random(seed)).decide(routing.request(), routing.operators()));

    // then never assigned first, ties by id
    assertThat(ranked).isSortedAccordingTo(Comparator.comparing(Candidate::lastAssignedAt, NEVER_OR_OLDEST_FIRST)
        .thenComparing(Candidate::id));
  }

  @Property(tries = CHOICES)
  void shouldRankTheOperatorsAfterTheCursorFirstInIdOrderWrappingAround(@ForAll("roundRobin") Routing routing,
      @ForAll long seed) {
    // given the stable rotation: the eligible ids in order, split at the cursor
    List<String> rotation = routing.eligible().stream().map(Candidate::id).sorted().toList();
    String cursor = routing.request().rotationCursor();
    List<String> expected = new ArrayList<>();
    rotation.stream().filter(id -> cursor == null || id.compareTo(cursor) > 0).forEach(expected::add);
    rotation.stream().filter(id -> !expected.contains(id)).forEach(expected::add);

    // when
    List<Candidate> ranked = ranked(new Router(new Random(seed)).decide(routing.request(), routing.operators()));

    // then
    assertThat(ranked).extracting(Candidate::id).containsExactlyElementsOf(expected);
  }

  @Property(tries = CHOICES)
  void shouldServeEveryEligibleOperatorOnceInOneRoundOfRoundRobin(@ForAll("roundRobin") Routing routing,
      @ForAll long seed) {
    // given
    Router router = new Router(new Random(seed));
    Set<String> eligible = routing.eligible().stream().map(Candidate::id).collect(Collectors.toSet());
    List<String> served = new ArrayList<>();

    // when each decision moves the cursor to the operator it served
    RoutingRequest next = routing.request();
    for (int i = 0; i < eligible.size(); i++) {
      String chosen = ((Decision.Assigned) router.decide(next, routing.operators())).operator().id();
      served.add(chosen);
      next = next.withRotationCursor(chosen);
    }

    // then
    assertThat(served).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eligible);
  }

  @Property(tries = 100)
  void shouldPickUniformlyAmongTheEligibleAtRandom(@ForAll("randomWithAChoice") Routing routing, @ForAll long seed) {
    // given
    Set<String> eligible = routing.eligible().stream().map(Candidate::id).collect(Collectors.toSet());

    // when
    Map<String, Integer> wins = draw(new Router(new Random(seed)), routing, 100 * eligible.size());

    // then whatever their load or idle time
    assertThat(wins.keySet()).isEqualTo(eligible);
    assertUniform(wins);
  }

  @Property
  void shouldChooseTheAssignedOperatorOrNobody(@ForAll("operators") List<Candidate> operators,
      @ForAll("requests") RoutingRequest anyRequest, @ForAll @IntRange(max = 7) int pick, @ForAll long seed) {
    // given a request for one of the operators
    Assume.that(!operators.isEmpty());
    Candidate requested = operators.get(pick % operators.size());
    RoutingRequest request = new RoutingRequest(anyRequest.channel(), anyRequest.subject(), requested.id(),
        anyRequest.method(), anyRequest.onlyOnline(), anyRequest.rotationCursor());
    Assume.that(namesOnlyKnownOperatorsAndSubjects(request, operators));

    // when
    Decision decision = new Router(new Random(seed)).decide(request, operators);

    // then whatever the method
    Statistics.label("decision").collect(decision.getClass().getSimpleName());
    Map<String, SkipReason> others = operators.stream().filter(operator -> !operator.id().equals(requested.id()))
        .collect(Collectors.toMap(Candidate::id, operator -> SkipReason.NOT_REQUESTED));
    Eligibility.check(requested, request).ifPresentOrElse(
        reason -> {
          others.put(requested.id(), reason);
          assertThat(decision).isEqualTo(new Decision.NoFreeOperator(others));
        },
        () -> assertThat(decision).isEqualTo(
            new Decision.Assigned(requested, request.method(), List.of(requested), others)));
  }

  @Property
  void shouldDecideTheSameForTheSameSeed(@ForAll("operators") List<Candidate> operators,
      @ForAll("requests") RoutingRequest request, @ForAll long seed) {
    // given
    Router first = new Router(new Random(seed));
    Router second = new Router(new Random(seed));

    // when / then a series of decisions repeats, not only the first one
    for (int i = 0; i < 3; i++) {
      assertThat(second.decide(request, operators)).isEqualTo(first.decide(request, operators));
    }
  }

  @Property
  void shouldDecideTheSameWhateverOrderTheOperatorsArriveIn(@ForAll("operators") List<Candidate> operators,
      @ForAll("requests") RoutingRequest request, @ForAll long seed, @ForAll long shuffleSeed) {
    // given
    List<Candidate> shuffled = new ArrayList<>(operators);
    Collections.shuffle(shuffled, new Random(shuffleSeed));

    // when
    Decision inGivenOrder = new Router(new Random(seed)).decide(request, operators);
    Decision inShuffledOrder = new Router(new Random(seed)).decide(request, shuffled);

    // then
    assertThat(inShuffledOrder).isEqualTo(inGivenOrder);
  }

  @Provide
  Arbitrary<List<Candidate>> operators() {
    return RoutingArbitraries.operators();
  }

  @Provide
  Arbitrary<RoutingRequest> requests() {
    return RoutingArbitraries.requests();
  }

  @Provide
  Arbitrary<Routing> fewestDialogsThenIdle() {
    return RoutingArbitraries.routingsWithAChoice(DistributionMethod.FEWEST_DIALOGS_THEN_IDLE, 2);
  }

  @Provide
  Arbitrary<Routing> fewestDialogs() {
    return RoutingArbitraries.routingsWithAChoice(DistributionMethod.FEWEST_DIALOGS, 2);
  }

  @Provide
  Arbitrary<Routing> fewestDialogsWithATie() {
    return RoutingArbitraries.routingsWithAChoice(DistributionMethod.FEWEST_DIALOGS, 2)
        .filter(routing -> tiedAtFewestDialogs(routing).size() >= 2);
  }

  @Provide
  Arbitrary<Routing> longestIdle() {
    return RoutingArbitraries.routingsWithAChoice(DistributionMethod.LONGEST_IDLE, 2);
  }

  @Provide
  Arbitrary<Routing> roundRobin() {
    return RoutingArbitraries.routingsWithAChoice(DistributionMethod.ROUND_ROBIN, 2);
  }

  @Provide
  Arbitrary<Routing> randomWithAChoice() {
    return RoutingArbitraries.routingsWithAChoice(DistributionMethod.RANDOM, 2);
  }

  /** The router's own definition of a request it cannot serve as written (Decision.Invalid). */
  private static boolean namesOnlyKnownOperatorsAndSubjects(RoutingRequest request, List<Candidate> operators) {
    boolean operatorKnown = request.assignedOperator() == null
        || operators.stream().anyMatch(operator -> operator.id().equals(request.assignedOperator()));
    boolean subjectKnown = request.subject() == null
        || operators.stream().anyMatch(operator -> operator.belongsTo(request.subject()));
    return operatorKnown && subjectKnown;
  }

  private static List<Candidate> eligible(List<Candidate> operators, RoutingRequest request) {
    return new Routing(operators, request).eligible();
  }

  private static Set<String> tiedAtFewestDialogs(Routing routing) {
    List<Candidate> eligible = routing.eligible();
    int fewest = eligible.stream().mapToInt(Candidate::activeDialogs).min().orElse(0);
    return eligible.stream().filter(operator -> operator.activeDialogs() == fewest).map(Candidate::id)
        .collect(Collectors.toSet());
  }

  private static List<Candidate> ranked(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Assigned.class);
    return ((Decision.Assigned) decision).ranked();
  }

  /** How often each operator is chosen in {@code draws} decisions of one router. */
  private static Map<String, Integer> draw(Router router, Routing routing, int draws) {
    Map<String, Integer> wins = new LinkedHashMap<>();
    for (int i = 0; i < draws; i++) {
      Decision decision = router.decide(routing.request(), routing.operators());
      wins.merge(((Decision.Assigned) decision).operator().id(), 1, Integer::sum);
    }
    return wins;
  }

  private static void assertUniform(Map<String, Integer> wins) {
    int draws = wins.values().stream().mapToInt(Integer::intValue).sum();
    double expected = (double) draws / wins.size();
    double chiSquare = wins.values().stream().mapToDouble(count -> Math.pow(count - expected, 2) / expected).sum();
    assertThat(chiSquare).as("chi-square of the wins %s", wins).isLessThan(CHI_SQUARE_CRITICAL[wins.size() - 1]);
  }
}
