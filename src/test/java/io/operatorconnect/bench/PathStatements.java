package io.operatorconnect.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * What one flow sends to the database on each path, measured one flow at a time after the load, in the
 * same application: a flow whose dialog gets an operator at once, and one whose dialog finds every slot
 * taken, waits in the queue and is served when the slot frees. Under the load the two paths mix in a share
 * that moves from run to run, and the full flow's share is not the floor's; per path, the figures compare
 * whatever the shares.
 * <p>
 * One round: capacity for exactly one dialog; flow A starts and gets it at once; flow B starts and
 * waits; A is finished, which frees the slot and serves B; B is finished with nobody waiting. So A's path
 * is its start and a finish with nobody waiting (the same as B's), B's is its start and A's finish with
 * the serving. Each step is counted once the application has gone quiet (the queue dispatcher runs after
 * the commit, on its own thread). Medians over the rounds keep the engine's job acquisition and the
 * queue's periodic sweep out. The bare process, which has one path, is measured the same way: start, finish.
 * <p>
 * Each path's statements are also given by kind (what they do to which table: {@link StatementCount#kindOf})
 * and by share: the engine's process variables ({@code ACT_RU_VARIABLE}, {@code ACT_HI_VARINST},
 * {@code ACT_HI_DETAIL}), the engine's other tables, Operator Connect's tables. That tells what the floor's
 * and the full flow's statements are beyond the bare process's, from the documented command, not from a
 * probe.
 */
final class PathStatements {

  /** What one flow on one path sent: the statements, and the same by kind ({@link StatementCount#kindOf}). */
  record Path(double statements, SortedMap<String, Long> byKind) {

    /** The statements by share: process variables, the engine's other tables, Operator Connect's tables. */
    SortedMap<String, Long> byShare() {
      SortedMap<String, Long> shares = new TreeMap<>();
      SHARES.forEach(share -> shares.put(share, 0L));
      byKind.forEach((kind, count) -> shares.merge(shareOf(kind), count, Long::sum));
      return shares;
    }
  }

  /** Statements per flow on each path. */
  record Paths(Path immediate, Path queued) {
  }

  static final String VARIABLES = "process variables";
  static final String ENGINE = "engine, other";
  static final String OURS = "Operator Connect";
  static final String OTHER = "other";
  private static final List<String> SHARES = List.of(VARIABLES, ENGINE, OURS);
  /** The engine's tables of process variables, runtime and history. */
  private static final Set<String> VARIABLE_TABLES = Set.of("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL");

  static final FlowThroughput.Arrival ARRIVAL = new FlowThroughput.Arrival("paths", "telegram");
  private static final int ROUNDS = 9;
  private static final Duration QUIET = Duration.ofMillis(40);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final StatementCount statements;

  PathStatements(StatementCount statements) {
    this.statements = statements;
  }

  /** Which share a kind of statement ({@link StatementCount#kindOf}) belongs to, by its table. */
  static String shareOf(String kind) {
    String table = kind.substring(kind.indexOf(' ') + 1);
    if (VARIABLE_TABLES.contains(table)) {
      return VARIABLES;
    }
    if (table.startsWith("ACT_")) {
      return ENGINE;
    }
    return table.startsWith("OC_") ? OURS : OTHER;
  }

  /**
   * Measures the flow's two paths; the caller has left capacity for one dialog of {@link #ARRIVAL}.
   * {@code firstNumber} is where the flows' numbers start: they must be new to the flow.
   */
  Paths measure(FlowThroughput.Flow flow, int firstNumber) {
    List<Count> immediate = new ArrayList<>();
    List<Count> queued = new ArrayList<>();
    inRounds(flow, firstNumber, (ready, numbers) -> {
      Count before = quiet();
      flow.start(numbers.getAsInt(), ARRIVAL);
      awaitReady(ready, 1, flow);
      Count firstStarted = quiet();
      flow.start(numbers.getAsInt(), ARRIVAL);
      Count secondStarted = quiet();
      flow.finish(ready.get(0));
      awaitReady(ready, 2, flow);
      Count firstFinished = quiet();
      flow.finish(ready.get(1));
      Count secondFinished = quiet();
      immediate.add(firstStarted.minus(before).plus(secondFinished.minus(firstFinished)));
      queued.add(secondStarted.minus(firstStarted).plus(firstFinished.minus(secondStarted)));
    });
    return new Paths(median(immediate), median(queued));
  }

  /**
   * Measures a flow that has one path only (the bare process, whose work is its operator's at once):
   * start, finish.
   */
  Path measureOnePath(FlowThroughput.Flow flow, int firstNumber) {
    List<Count> flows = new ArrayList<>();
    inRounds(flow, firstNumber, (ready, numbers) -> {
      Count before = quiet();
      flow.start(numbers.getAsInt(), ARRIVAL);
      awaitReady(ready, 1, flow);
      flow.finish(ready.get(0));
      flows.add(quiet().minus(before));
    });
    return median(flows);
  }

  /** One round of a measurement: the work the flow handed to its operator, and the next flow numbers. */
  private interface Round {
    void run(List<String> ready, IntSupplier numbers);
  }

  /** Runs {@link #ROUNDS} rounds, the statements counted by kind meanwhile. */
  private void inRounds(FlowThroughput.Flow flow, int firstNumber, Round round) {
    List<String> ready = new CopyOnWriteArrayList<>();
    flow.handTo(ready::add);
    AtomicInteger numbers = new AtomicInteger(firstNumber);
    statements.sortByKind(true);
    try {
      for (int i = 0; i < ROUNDS; i++) {
        ready.clear();
        round.run(ready, numbers::getAndIncrement);
      }
    } finally {
      statements.sortByKind(false);
    }
  }

  /** The statements counted up to a moment, in all and by kind. */
  private record Count(long total, SortedMap<String, Long> byKind) {

    Count minus(Count earlier) {
      return combine(earlier, -1);
    }

    Count plus(Count other) {
      return combine(other, 1);
    }

    private Count combine(Count other, long sign) {
      SortedMap<String, Long> kinds = new TreeMap<>(byKind);
      other.byKind.forEach((kind, count) -> kinds.merge(kind, sign * count, Long::sum));
      kinds.values().removeIf(count -> count == 0);
      return new Count(total + sign * other.total, kinds);
    }
  }

  /** The statement count once it has not moved for a while: every thread done with the last step. */
  private Count quiet() {
    AtomicLong last = new AtomicLong(statements.total());
    await("the application going quiet after a step of a path round").atMost(WAIT)
        .pollDelay(QUIET).pollInterval(QUIET)
        .until(() -> {
          long now = statements.total();
          return last.getAndSet(now) == now;
        });
    // Summed from the kinds, so that a round's kinds add up to its total even if a job of the engine's
    // sends a statement right now; the medians keep such a round out.
    SortedMap<String, Long> kinds = statements.byKind();
    return new Count(kinds.values().stream().mapToLong(Long::longValue).sum(), kinds);
  }

  private static void awaitReady(List<String> ready, int count, FlowThroughput.Flow flow) {
    await(flow.name() + ": flow " + count + " of a path round becoming the operator's").atMost(WAIT)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> ready.size() >= count);
  }

  /**
   * The median round (of an odd number): the one in the middle by its total, with its statements by kind,
   * which add up to that total.
   */
  private static Path median(List<Count> rounds) {
    List<Count> sorted = new ArrayList<>(rounds);
    sorted.sort(Comparator.comparingLong(Count::total));
    Count middle = sorted.get(sorted.size() / 2);
    return new Path(middle.total(), middle.byKind());
  }
}
