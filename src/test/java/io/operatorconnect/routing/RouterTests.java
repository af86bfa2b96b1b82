package io.operatorconnect.routing;

import static io.operatorconnect.routing.CandidateBuilder.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RouterTests {

  private final Router router = new Router(new Random(42));

  @Test
  void shouldPreferTheOperatorWithFewestDialogs() {
    // given
    List<Candidate> operators = List.of(operator("anna").active(2).build(), operator("boris").active(1).build(),
        operator("carl").active(2).build());

    // when
    Decision decision = router.decide(request(DistributionMethod.FEWEST_DIALOGS_THEN_IDLE), operators);

    // then
    assertThat(ranked(decision)).startsWith("boris");
  }

  @Test
  void shouldBreakATieInDialogsByTheLastDialogClosedLongestAgoNeverClosedFirst() {
    // given all have one dialog
    List<Candidate> operators = List.of(
        operator("anna").active(1).lastClosedAt("2024-01-01T10:00:00Z").build(),
        operator("boris").active(1).lastClosedAt("2024-01-01T09:00:00Z").build(),
        operator("carl").active(1).build(),
        operator("dora").active(0).lastClosedAt("2024-01-01T11:00:00Z").build());

    // when
    Decision decision = router.decide(request(DistributionMethod.FEWEST_DIALOGS_THEN_IDLE), operators);

    // then dora has fewer dialogs; of the rest carl never closed one, boris closed his longest ago
    assertThat(decision).asInstanceOf(type(Decision.Assigned.class))
        .satisfies(assigned -> assertThat(assigned.operator().id()).isEqualTo("dora"))
        .satisfies(assigned -> assertThat(assigned.method()).isEqualTo(DistributionMethod.FEWEST_DIALOGS_THEN_IDLE));
    assertThat(ranked(decision)).containsExactly("dora", "carl", "boris", "anna");
  }

  @Test
  void shouldBreakATieInLastClosedByTheOldestAssignmentThenById() {
    // given
    String closed = "2024-01-01T10:00:00Z";
    List<Candidate> operators = List.of(
        operator("dora").lastClosedAt(closed).lastAssignedAt("2024-01-01T08:00:00Z").build(),
        operator("carl").lastClosedAt(closed).lastAssignedAt("2024-01-01T07:00:00Z").build(),
        operator("boris").lastClosedAt(closed).build(),
        operator("anna").lastClosedAt(closed).build());

    // when
    Decision decision = router.decide(request(DistributionMethod.FEWEST_DIALOGS_THEN_IDLE), operators);

    // then never assigned first (anna before boris by id), then the older assignment
    assertThat(ranked(decision)).containsExactly("anna", "boris", "carl", "dora");
  }

  @Test
  void shouldRankFewestDialogsFirstAndBreakTiesAtRandom() {
    // given anna and boris tie, carl is busier
    List<Candidate> operators = List.of(operator("anna").active(1).build(), operator("boris").active(1).build(),
        operator("carl").active(2).build());
    Set<String> winners = new HashSet<>();

    // when
    for (int seed = 0; seed < 50; seed++) {
      List<String> ranked = ranked(new Router(new Random(seed)).decide(request(DistributionMethod.FEWEST_DIALOGS),
          operators));
      winners.add(ranked.get(0));
      assertThat(ranked.get(2)).isEqualTo("carl");
    }

    // then
    assertThat(winners).containsExactlyInAnyOrder("anna", "boris");
  }

  @Test
  void shouldDecideTheSameWayForTheSameRandomSeed() {
    // given
    List<Candidate> operators = IntStream.range(0, 10).mapToObj(i -> operator("op" + i).build()).toList();

    // when
    List<String> first = ranked(new Router(new Random(7)).decide(request(DistributionMethod.FEWEST_DIALOGS), operators));
    List<String> second = ranked(new Router(new Random(7)).decide(request(DistributionMethod.FEWEST_DIALOGS), operators));

    // then
    assertThat(first).isEqualTo(second);
  }

  @Test
  void shouldPreferTheOperatorWhoseLastAssignmentIsOldestWhateverTheirLoad() {
    // given
    List<Candidate> operators = List.of(
        operator("anna").lastAssignedAt("2024-01-01T10:00:00Z").build(),
        operator("boris").active(2).lastAssignedAt("2024-01-01T09:00:00Z").build(),
        operator("carl").lastAssignedAt("2024-01-01T11:00:00Z").build(),
        operator("dora").active(1).build());

    // when
    Decision decision = router.decide(request(DistributionMethod.LONGEST_IDLE), operators);

    // then never assigned first
    assertThat(ranked(decision)).containsExactly("dora", "boris", "anna", "carl");
  }

  @Test
  void shouldStartTheRotationWithTheFirstIdWhenNobodyWasServedYet() {
    // when
    Decision decision = router.decide(request(DistributionMethod.ROUND_ROBIN), threeOperators());

    // then
    assertThat(ranked(decision)).containsExactly("anna", "boris", "carl");
  }

  @Test
  void shouldServeTheOperatorAfterTheOneServedLast() {
    // when
    Decision decision = router.decide(request(DistributionMethod.ROUND_ROBIN).withRotationCursor("anna"),
        threeOperators());

    // then
    assertThat(ranked(decision)).containsExactly("boris", "carl", "anna");
  }

  @Test
  void shouldWrapTheRotationAroundAfterTheLastId() {
    // when
    Decision decision = router.decide(request(DistributionMethod.ROUND_ROBIN).withRotationCursor("carl"),
        threeOperators());

    // then
    assertThat(ranked(decision)).containsExactly("anna", "boris", "carl");
  }

  @Test
  void shouldContinueTheRotationAfterAnOperatorWhoIsNoLongerEligible() {
    // given boris, served last, went offline
    List<Candidate> operators = List.of(operator("anna").build(),
        operator("boris").status(OperatorStatus.OFFLINE).build(), operator("carl").build());

    // when
    Decision decision = router.decide(request(DistributionMethod.ROUND_ROBIN).withRotationCursor("boris"), operators);

    // then
    assertThat(ranked(decision)).containsExactly("carl", "anna");
  }

  @Test
  void shouldPickEveryEligibleOperatorAtRandomAndNoOtherOne() {
    // given
    List<Candidate> operators = List.of(operator("anna").active(2).build(), operator("boris").build(),
        operator("carl").build(), operator("dora").status(OperatorStatus.OFFLINE).build());
    Set<String> winners = new HashSet<>();

    // when
    for (int seed = 0; seed < 100; seed++) {
      winners.add(ranked(new Router(new Random(seed)).decide(request(DistributionMethod.RANDOM), operators)).get(0));
    }

    // then the load does not matter, the status does
    assertThat(winners).containsExactlyInAnyOrder("anna", "boris", "carl");
  }

  @Test
  void shouldRecordWhyEveryOtherOperatorWasSkipped() {
    // given
    List<Candidate> operators = List.of(
        operator("anna").build(),
        operator("boris").status(OperatorStatus.OFFLINE).build(),
        operator("carl").status(OperatorStatus.AWAY).build(),
        operator("dora").maxDialogs(1).active(1).build(),
        operator("emil").channelLimit("telegram", 1).active("telegram", 1).build(),
        operator("fay").groups("sales").build());

    // when
    Decision decision = router.decide(request(DistributionMethod.FEWEST_DIALOGS_THEN_IDLE), operators);

    // then
    assertThat(decision).asInstanceOf(type(Decision.Assigned.class)).satisfies(assigned -> {
      assertThat(assigned.operator().id()).isEqualTo("anna");
      assertThat(assigned.skipped()).containsOnly(
          entry("boris", SkipReason.OFFLINE), entry("carl", SkipReason.AWAY), entry("dora", SkipReason.GENERAL_LIMIT),
          entry("emil", SkipReason.CHANNEL_LIMIT), entry("fay", SkipReason.OTHER_SUBJECT));
    });
  }

  @Test
  void shouldChooseOnlyTheAssignedOperator() {
    // given
    RoutingRequest forBoris = new RoutingRequest("telegram", "support", "boris", DistributionMethod.DEFAULT, true, null);

    // when
    Decision decision = router.decide(forBoris, threeOperators());

    // then
    assertThat(decision).asInstanceOf(type(Decision.Assigned.class)).satisfies(assigned -> {
      assertThat(assigned.operator().id()).isEqualTo("boris");
      assertThat(assigned.ranked()).extracting(Candidate::id).containsExactly("boris");
      assertThat(assigned.skipped()).containsOnly(entry("anna", SkipReason.NOT_REQUESTED),
          entry("carl", SkipReason.NOT_REQUESTED));
    });
  }

  @Test
  void shouldFindNoFreeOperatorWhenTheAssignedOperatorIsBusy() {
    // given
    RoutingRequest forAnna = new RoutingRequest("telegram", null, "anna", DistributionMethod.DEFAULT, true, null);

    // when
    Decision decision = router.decide(forAnna, List.of(operator("anna").maxDialogs(1).active(1).build(),
        operator("boris").build()));

    // then
    assertThat(decision).isEqualTo(new Decision.NoFreeOperator(Map.of("anna", SkipReason.GENERAL_LIMIT,
        "boris", SkipReason.NOT_REQUESTED)));
  }

  @Test
  void shouldCallAnUnknownSubjectInvalid() {
    // when
    Decision decision = router.decide(new RoutingRequest("telegram", "billing", null, DistributionMethod.DEFAULT, true,
        null), threeOperators());

    // then
    assertThat(decision).isEqualTo(new Decision.Invalid("unknown subject 'billing': no operator belongs to it"));
  }

  @Test
  void shouldCallAnUnknownAssignedOperatorInvalid() {
    // when
    Decision decision = router.decide(new RoutingRequest("telegram", "support", "zoe", DistributionMethod.DEFAULT, true,
        null), threeOperators());

    // then
    assertThat(decision).isEqualTo(new Decision.Invalid("unknown operator 'zoe'"));
  }

  @Test
  void shouldExplainNoFreeOperatorOperatorByOperatorInIdOrder() {
    // given
    List<Candidate> operators = List.of(operator("boris").maxDialogs(1).active(1).build(),
        operator("anna").status(OperatorStatus.OFFLINE).build(),
        operator("carl").channelLimit("telegram", 0).build());

    // when
    Decision decision = router.decide(request(DistributionMethod.DEFAULT), operators);

    // then
    assertThat(decision).asInstanceOf(type(Decision.NoFreeOperator.class))
        .extracting(Decision.NoFreeOperator::explanation)
        .isEqualTo("anna is OFFLINE; boris has reached the general dialog limit; "
            + "carl has reached the dialog limit for the channel");
  }

  @Test
  void shouldExplainThatNoOperatorExistsWhenThereAreNone() {
    // when
    Decision decision = router.decide(new RoutingRequest("telegram", null, null, DistributionMethod.DEFAULT, true,
        null), List.of());

    // then
    assertThat(decision).asInstanceOf(type(Decision.NoFreeOperator.class))
        .extracting(Decision.NoFreeOperator::explanation).isEqualTo("no operator exists for this dialog");
  }

  private static List<Candidate> threeOperators() {
    return List.of(operator("carl").build(), operator("anna").build(), operator("boris").build());
  }

  private static RoutingRequest request(DistributionMethod method) {
    return new RoutingRequest("telegram", "support", null, method, true, null);
  }

  private static List<String> ranked(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Assigned.class);
    return ((Decision.Assigned) decision).ranked().stream().map(Candidate::id).toList();
  }

  private static Map.Entry<String, SkipReason> entry(String id, SkipReason reason) {
    return Map.entry(id, reason);
  }
}
