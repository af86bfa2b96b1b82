package io.operatorconnect.routing;

import static io.operatorconnect.routing.CandidateBuilder.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.routing.DecisionRecord.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decision record: every operator looked at, in rank order, with a verdict and a reason. */
class DecisionRecordTests {

  private final Router router = new Router(new Random(7));
  private final RoutingRequest request = new RoutingRequest("telegram", "support", null,
      DistributionMethod.FEWEST_DIALOGS_THEN_IDLE, true, null);

  @Test
  void shouldListTheChosenOperatorTheOnesTakenMeanwhileTheRankedAndTheSkippedWithTheirReasons() {
    // given four operators: two eligible (anna less busy than bob), cleo offline, dora in another subject
    List<Candidate> operators = List.of(operator("anna").groups("support").active(0).build(),
        operator("bob").groups("support").active(1).build(),
        operator("cleo").groups("support").status(OperatorStatus.OFFLINE).build(),
        operator("dora").groups("billing").build());
    Decision decision = router.decide(request, operators);

    // when anna's slot was taken by another dialog at the moment of the reservation, and bob got it
    DecisionRecord record = DecisionRecord.of(decision, "bob", Map.of("anna", SkipReason.GENERAL_LIMIT));

    // then
    assertThat(record.outcome()).isEqualTo(DecisionRecord.Outcome.ASSIGNED);
    assertThat(record.chosen()).isEqualTo("bob");
    assertThat(record.method()).isEqualTo(DistributionMethod.FEWEST_DIALOGS_THEN_IDLE);
    assertThat(record.candidates()).containsExactly(
        new Verdict("anna", Verdict.Kind.TAKEN_MEANWHILE, 1, SkipReason.GENERAL_LIMIT),
        new Verdict("bob", Verdict.Kind.CHOSEN, 2, null),
        new Verdict("cleo", Verdict.Kind.SKIPPED, null, SkipReason.OFFLINE),
        new Verdict("dora", Verdict.Kind.SKIPPED, null, SkipReason.OTHER_SUBJECT));
    assertThat(record.candidates()).extracting(Verdict::description).containsExactly(
        "anna: taken meanwhile (rank 1), has reached the general dialog limit",
        "bob: chosen (rank 2)",
        "cleo: skipped, is OFFLINE",
        "dora: skipped, does not belong to the subject");
  }

  @Test
  void shouldSayNobodyWasFreeWhenEveryRankedOperatorWasTakenMeanwhile() {
    Decision decision = router.decide(request, List.of(operator("anna").groups("support").build()));

    DecisionRecord record = DecisionRecord.of(decision, null, Map.of("anna", SkipReason.GENERAL_LIMIT));

    assertThat(record.outcome()).isEqualTo(DecisionRecord.Outcome.NO_FREE_OPERATOR);
    assertThat(record.chosen()).isNull();
    assertThat(record.explanation()).contains("taken by other dialogs meanwhile");
  }

  @Test
  void shouldExplainANoFreeOperatorDecisionOperatorByOperator() {
    Decision decision = router.decide(request, List.of(operator("anna").groups("support").maxDialogs(0).build(),
        operator("bob").groups("support").status(OperatorStatus.AWAY).build()));

    DecisionRecord record = DecisionRecord.of(decision, null, Map.of());

    assertThat(record.outcome()).isEqualTo(DecisionRecord.Outcome.NO_FREE_OPERATOR);
    assertThat(record.candidates()).extracting(Verdict::kind).containsOnly(Verdict.Kind.SKIPPED);
    assertThat(record.explanation()).isEqualTo("anna has reached the general dialog limit; bob is AWAY");
  }

  @Test
  void shouldRecordAnInvalidRequestWithItsMessage() {
    Decision decision = router.decide(request, List.of(operator("anna").groups("billing").build()));

    DecisionRecord record = DecisionRecord.of(decision, null, Map.of());

    assertThat(record.outcome()).isEqualTo(DecisionRecord.Outcome.INVALID);
    assertThat(record.candidates()).isEmpty();
    assertThat(record.explanation()).contains("unknown subject 'support'");
  }
}
