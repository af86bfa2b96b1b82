package io.operatorconnect.routing;

import static io.operatorconnect.routing.CandidateBuilder.operator;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EligibilityTests {

  private static final RoutingRequest TELEGRAM_SUPPORT =
      new RoutingRequest("telegram", "support", null, DistributionMethod.DEFAULT, true, null);

  @Test
  void shouldAcceptAnOnlineOperatorOfTheSubjectUnderEveryLimit() {
    // given
    Candidate anna = operator("anna").maxDialogs(3).channelLimit("telegram", 2).active("telegram", 1).build();

    // when / then
    assertThat(Eligibility.check(anna, TELEGRAM_SUPPORT)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void shouldSkipAnOfflineOperatorWhateverTheAction(boolean onlyOnline) {
    // given
    Candidate anna = operator("anna").status(OperatorStatus.OFFLINE).build();

    // when / then
    assertThat(Eligibility.check(anna, request(onlyOnline))).contains(SkipReason.OFFLINE);
  }

  @Test
  void shouldSkipAnAwayOperatorWhenOnlyOnlineOperatorsMayReceive() {
    // given
    Candidate anna = operator("anna").status(OperatorStatus.AWAY).build();

    // when / then
    assertThat(Eligibility.check(anna, request(true))).contains(SkipReason.AWAY);
  }

  @Test
  void shouldAcceptAnAwayOperatorWhenTheActionAllowsOperatorsWhoAreNotOnline() {
    // given
    Candidate anna = operator("anna").status(OperatorStatus.AWAY).build();

    // when / then
    assertThat(Eligibility.check(anna, request(false))).isEmpty();
  }

  @Test
  void shouldSkipAnOperatorAtTheGeneralLimit() {
    // given two dialogs on other channels fill a general limit of two
    Candidate anna = operator("anna").maxDialogs(2).channelLimit("telegram", 5).active("web", 1).active("vk", 1).build();

    // when / then
    assertThat(Eligibility.check(anna, TELEGRAM_SUPPORT)).contains(SkipReason.GENERAL_LIMIT);
  }

  @Test
  void shouldSkipAnOperatorWithNoDialogsAllowedAtAll() {
    // given
    Candidate anna = operator("anna").maxDialogs(0).build();

    // when / then
    assertThat(Eligibility.check(anna, TELEGRAM_SUPPORT)).contains(SkipReason.GENERAL_LIMIT);
  }

  @Test
  void shouldSkipAnOperatorAtTheChannelLimitWhileUnderTheGeneralLimit() {
    // given
    Candidate anna = operator("anna").maxDialogs(5).channelLimit("telegram", 1).active("telegram", 1).build();

    // when / then
    assertThat(Eligibility.check(anna, TELEGRAM_SUPPORT)).contains(SkipReason.CHANNEL_LIMIT);
  }

  @Test
  void shouldLimitAChannelWithoutItsOwnLimitOnlyByTheGeneralLimit() {
    // given telegram is full, web has no limit of its own
    Candidate anna = operator("anna").maxDialogs(5).channelLimit("telegram", 1).active("telegram", 1)
        .active("web", 3).build();

    // when / then
    assertThat(Eligibility.check(anna, new RoutingRequest("web", "support", null, DistributionMethod.DEFAULT, true,
        null))).isEmpty();
  }

  @Test
  void shouldReportTheGeneralLimitWhenBothLimitsAreReached() {
    // given
    Candidate anna = operator("anna").maxDialogs(1).channelLimit("telegram", 1).active("telegram", 1).build();

    // when / then
    assertThat(Eligibility.check(anna, TELEGRAM_SUPPORT)).contains(SkipReason.GENERAL_LIMIT);
  }

  @Test
  void shouldSkipAnOperatorOfAnotherSubject() {
    // given
    Candidate boris = operator("boris").groups("sales").build();

    // when / then
    assertThat(Eligibility.check(boris, TELEGRAM_SUPPORT)).contains(SkipReason.OTHER_SUBJECT);
  }

  @Test
  void shouldAcceptAnOperatorOfAnySubjectWhenTheRequestNamesNone() {
    // given
    Candidate boris = operator("boris").groups().build();

    // when / then
    assertThat(Eligibility.check(boris, new RoutingRequest("telegram", null, null, DistributionMethod.DEFAULT, true,
        null))).isEmpty();
  }

  @Test
  void shouldSkipEveryOperatorButTheAssignedOne() {
    // given
    RoutingRequest forAnna = new RoutingRequest("telegram", "support", "anna", DistributionMethod.DEFAULT, true, null);

    // when / then
    assertThat(Eligibility.check(operator("boris").build(), forAnna)).contains(SkipReason.NOT_REQUESTED);
    assertThat(Eligibility.check(operator("anna").build(), forAnna)).isEmpty();
  }

  @Test
  void shouldStillApplyTheLimitsToTheAssignedOperator() {
    // given
    RoutingRequest forAnna = new RoutingRequest("telegram", null, "anna", DistributionMethod.DEFAULT, true, null);
    Candidate anna = operator("anna").maxDialogs(1).active(1).build();

    // when / then
    assertThat(Eligibility.check(anna, forAnna)).contains(SkipReason.GENERAL_LIMIT);
  }

  private static RoutingRequest request(boolean onlyOnline) {
    return new RoutingRequest("telegram", "support", null, DistributionMethod.DEFAULT, onlyOnline, null);
  }
}
