package io.operatorconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The figures the benchmark derives for the outbox's cut: the median's interval, the cut at equal queue shares. */
class BenchFiguresTests {

  @Test
  void shouldTakeTheSeventhSmallestAndLargestOf24() {
    // 0.01 to 0.24, shuffled: the 7th smallest is 0.07, the 7th largest 0.18
    List<Double> cuts = IntStream.rangeClosed(1, 24).map(i -> (i * 7) % 25).mapToObj(i -> i / 100.0).toList();

    assertThat(cuts).hasSize(24).doesNotHaveDuplicates();
    assertThat(FlowThroughput.Result.medianInterval(cuts)).containsExactly(0.07, 0.18);
  }

  @Test
  void shouldSpanAllOf8AndGiveNoneForFewerThan6() {
    assertThat(FlowThroughput.Result.medianInterval(List.of(0.3, -0.1, 0.2, 0.0, 0.1, 0.25, 0.05, 0.15)))
        .containsExactly(-0.1, 0.3);
    assertThat(FlowThroughput.Result.medianInterval(List.of(0.1, 0.2, 0.3, 0.4, 0.5))).isNull();
  }

  @Test
  void shouldCompareProcessorTimePerFlowAtTheMeanShareServedFromTheQueue() {
    // without: 6 + 6 q ms per flow; with: 7 + 8 q; at the mean share of the six batches, 0.55: 9.3 and 11.4
    List<FlowThroughput.Figures> full = List.of(batch(0.3, 6 + 6 * 0.3), batch(0.5, 6 + 6 * 0.5), batch(0.7, 6 + 6 * 0.7));
    List<FlowThroughput.Figures> webhook = List.of(batch(0.4, 7 + 8 * 0.4), batch(0.6, 7 + 8 * 0.6),
        batch(0.8, 7 + 8 * 0.8));

    assertThat(FlowThroughput.cpuCutAtEqualQueueShare(full, webhook)).isCloseTo(1 - 9.3 / 11.4, within(1e-9));
    assertThat(FlowThroughput.cpuCutAtEqualQueueShare(full.subList(0, 2), webhook)).isNaN();
  }

  private static FlowThroughput.Figures batch(double queueShare, double cpuMillisPerFlow) {
    return new FlowThroughput.Figures(100, 1_000_000_000L, Math.round(cpuMillisPerFlow * 100 * 1e6),
        (int) Math.round(queueShare * 100), 0, 0);
  }
}
