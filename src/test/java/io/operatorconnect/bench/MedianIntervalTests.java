package io.operatorconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The 95 % interval the benchmark gives for the median of the outbox's pair cuts. */
class MedianIntervalTests {

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
}
