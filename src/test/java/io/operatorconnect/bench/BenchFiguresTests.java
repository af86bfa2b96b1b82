package io.operatorconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The figures the benchmark derives for the outbox's cut: the median's interval, the cut at equal queue shares, its
 * split by threads.
 */
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

  @Test
  void shouldSplitTheExtraTimeByThreadsAndLeaveTheCompilerOut() {
    // without: 2 ms of the outbox's threads per flow at any share, 1 of the compiler's; with: 3 of the outbox's, none
    List<FlowThroughput.Figures> full = List.of(batch(0.3, 9, 0, 1), batch(0.5, 10, 0, 1), batch(0.7, 11, 0, 1));
    List<FlowThroughput.Figures> webhook = List.of(batch(0.3, 10, 3, 0), batch(0.5, 11, 3, 0), batch(0.7, 12, 3, 0));

    assertThat(FlowThroughput.extraByThreadsAtEqualQueueShare(full, webhook))
        .hasEntrySatisfying("outbox", millis -> assertThat(millis).isCloseTo(3, within(1e-9)))
        .hasEntrySatisfying("compiler", millis -> assertThat(millis).isCloseTo(-1, within(1e-9)))
        .hasEntrySatisfying("rest", millis -> assertThat(millis).isCloseTo(-1, within(1e-9)))
        .hasEntrySatisfying("all", millis -> assertThat(millis).isCloseTo(1, within(1e-9)));
    // at the mean share, 0.5: 10 - 1 = 9 without, 11 with
    assertThat(FlowThroughput.cpuCutAtEqualQueueShare(full, webhook,
        FlowThroughput.Figures::compiledCpuMillisPerFlow)).isCloseTo(1 - 9.0 / 11, within(1e-9));
    assertThat(FlowThroughput.extraByThreadsAtEqualQueueShare(full.subList(0, 2), webhook).values())
        .allMatch(millis -> millis.isNaN());
  }

  @Test
  void shouldReadUserAndSystemTicksAfterANameWithSpacesAndParentheses() {
    String stat = "4252 (C2 Compiler (x)) S 4251 4252 4252 0 -1 4194560 22687 862442 0 294 11 28 14286 1144 20 0 1";

    assertThat(JvmThreads.ticks(stat)).isEqualTo(39);
    assertThat(JvmThreads.groupOf("C2 CompilerThre")).isEqualTo(0);
    assertThat(JvmThreads.groupOf("GC Thread#1")).isEqualTo(1);
    assertThat(JvmThreads.groupOf("MVStore backgro")).isEqualTo(2);
    assertThat(JvmThreads.groupOf("outbox-sender-3")).isEqualTo(3);
    assertThat(JvmThreads.groupOf("HTTP-worker-12")).isEqualTo(4);
    assertThat(JvmThreads.groupOf("bench-client-4-")).isEqualTo(-1);
  }

  @Test
  void shouldReadThisJvmsCompilerThreadsOnLinux() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "/proc is Linux's");

    // the tests before this one ran compiled code: the compiler's threads have taken some time
    assertThat(JvmThreads.read().since(JvmThreads.Snapshot.NONE).compiler()).isPositive();
  }

  @Test
  void shouldCompareEachThreadWithItsOwnEarlierReading() {
    JvmThreads.Snapshot before = new JvmThreads.Snapshot(Map.of("10", new long[] {0, 500}, "11", new long[] {0, 7000},
        "12", new long[] {3, 40}));
    // 10 went on, 11 ended, 12 went on, 13 started
    JvmThreads.Snapshot after = new JvmThreads.Snapshot(Map.of("10", new long[] {0, 520}, "12", new long[] {3, 45},
        "13", new long[] {0, 4}));

    JvmThreads.Cpu since = after.since(before);

    assertThat(since.compiler()).isEqualTo((20 + 4) * 10_000_000L);
    assertThat(since.outbox()).isEqualTo(5 * 10_000_000L);
    assertThat(since.total()).isEqualTo(29 * 10_000_000L);
  }

  private static FlowThroughput.Figures batch(double queueShare, double cpuMillisPerFlow, double outboxMillis,
      double compilerMillis) {
    return new FlowThroughput.Figures(100, 1_000_000_000L, Math.round(cpuMillisPerFlow * 100 * 1e6),
        (int) Math.round(queueShare * 100), 0, 0, new JvmThreads.Cpu(Math.round(compilerMillis * 100 * 1e6), 0, 0,
        Math.round(outboxMillis * 100 * 1e6), 0));
  }

  private static FlowThroughput.Figures batch(double queueShare, double cpuMillisPerFlow) {
    return new FlowThroughput.Figures(100, 1_000_000_000L, Math.round(cpuMillisPerFlow * 100 * 1e6),
        (int) Math.round(queueShare * 100), 0, 0, JvmThreads.Cpu.NONE);
  }
}
