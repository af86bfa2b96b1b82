package io.operatorconnect.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The estimate's arithmetic: position × average handling time / serving slots, rounded up. */
class WaitEstimateTests {

  @Test
  void shouldHaveNoEstimateWithoutAnyHandlingTime() {
    // when / then
    assertThat(WaitEstimate.of(List.of(), 4)).isEmpty();
  }

  @Test
  void shouldAverageTheHandlingTimes() {
    // when
    WaitEstimate estimate = WaitEstimate.of(List.of(minutes(4), minutes(6), minutes(8)), 3).orElseThrow();

    // then
    assertThat(estimate.averageHandling()).isEqualTo(minutes(6));
    assertThat(estimate.servingSlots()).isEqualTo(3);
  }

  @Test
  void shouldGrowWithThePositionAndShrinkWithTheSlots() {
    // given five minutes per dialog on average
    List<Duration> handled = List.of(minutes(5));

    // when / then one slot frees every five minutes
    WaitEstimate oneSlot = WaitEstimate.of(handled, 1).orElseThrow();
    assertThat(oneSlot.secondsAt(1)).isEqualTo(300);
    assertThat(oneSlot.secondsAt(3)).isEqualTo(900);

    // when / then four slots free four dialogs every five minutes
    WaitEstimate fourSlots = WaitEstimate.of(handled, 4).orElseThrow();
    assertThat(fourSlots.secondsAt(1)).isEqualTo(75);
    assertThat(fourSlots.secondsAt(4)).isEqualTo(300);
    assertThat(fourSlots.secondsAt(8)).isEqualTo(600);
  }

  @Test
  void shouldRoundUpToAWholeSecond() {
    // given 1.5 s per dialog on average, two slots
    WaitEstimate estimate = WaitEstimate.of(List.of(Duration.ofMillis(1000), Duration.ofMillis(2000)), 2)
        .orElseThrow();

    // when / then 0.75 s, 1.5 s, 2.25 s
    assertThat(estimate.secondsAt(1)).isEqualTo(1);
    assertThat(estimate.secondsAt(2)).isEqualTo(2);
    assertThat(estimate.secondsAt(3)).isEqualTo(3);
  }

  @Test
  void shouldCountOneSlotWhenNoOperatorIsOnline() {
    // when
    WaitEstimate estimate = WaitEstimate.of(List.of(minutes(2)), 0).orElseThrow();

    // then
    assertThat(estimate.servingSlots()).isEqualTo(1);
    assertThat(estimate.secondsAt(2)).isEqualTo(240);
  }

  @Test
  void shouldCountANegativeHandlingTimeAsZero() {
    // given clocks of two nodes that disagree made one dialog close before it was assigned
    List<Duration> handled = List.of(Duration.ofSeconds(-30), minutes(4));

    // when
    WaitEstimate estimate = WaitEstimate.of(handled, 1).orElseThrow();

    // then
    assertThat(estimate.averageHandling()).isEqualTo(minutes(2));
  }

  @Test
  void shouldEstimateNothingWhenDialogsAreHandledInNoTime() {
    // when / then
    assertThat(WaitEstimate.of(List.of(Duration.ZERO), 1).orElseThrow().secondsAt(10)).isZero();
  }

  @Test
  void shouldRefuseAPositionBeforeTheHeadOfTheQueue() {
    // given
    WaitEstimate estimate = WaitEstimate.of(List.of(minutes(1)), 1).orElseThrow();

    // when / then
    assertThatThrownBy(() -> estimate.secondsAt(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position");
  }

  @Test
  void shouldRefuseImpossibleFigures() {
    // when / then
    assertThatThrownBy(() -> new WaitEstimate(Duration.ofSeconds(-1), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("averageHandling");
    assertThatThrownBy(() -> new WaitEstimate(minutes(1), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("servingSlots");
  }

  private static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }
}
