package io.operatorconnect.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

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
 * queue's periodic sweep out.
 */
final class PathStatements {

  /** Statements per flow on each path. */
  record Paths(double immediate, double queued) {
  }

  static final FlowThroughput.Arrival ARRIVAL = new FlowThroughput.Arrival("paths", "telegram");
  private static final int ROUNDS = 9;
  private static final Duration QUIET = Duration.ofMillis(40);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final StatementCount statements;

  PathStatements(StatementCount statements) {
    this.statements = statements;
  }

  /**
   * Measures the flow's two paths; the caller has left capacity for one dialog of {@link #ARRIVAL}.
   * {@code firstNumber} is where the flows' numbers start: they must be new to the flow.
   */
  Paths measure(FlowThroughput.Flow flow, int firstNumber) {
    List<Double> immediate = new ArrayList<>();
    List<Double> queued = new ArrayList<>();
    List<String> ready = new CopyOnWriteArrayList<>();
    flow.handTo(ready::add);
    int number = firstNumber;
    for (int round = 0; round < ROUNDS; round++) {
      ready.clear();
      long before = quiet();
      flow.start(number++, ARRIVAL);
      awaitReady(ready, 1, flow);
      long firstStarted = quiet();
      flow.start(number++, ARRIVAL);
      long secondStarted = quiet();
      flow.finish(ready.get(0));
      awaitReady(ready, 2, flow);
      long firstFinished = quiet();
      flow.finish(ready.get(1));
      long secondFinished = quiet();
      immediate.add((double) (firstStarted - before) + (secondFinished - firstFinished));
      queued.add((double) (secondStarted - firstStarted) + (firstFinished - secondStarted));
    }
    return new Paths(median(immediate), median(queued));
  }

  /** The statement count once it has not moved for a while: every thread done with the last step. */
  private long quiet() {
    AtomicLong last = new AtomicLong(statements.total());
    await("the application going quiet after a step of a path round").atMost(WAIT)
        .pollDelay(QUIET).pollInterval(QUIET)
        .until(() -> {
          long now = statements.total();
          return last.getAndSet(now) == now;
        });
    return last.get();
  }

  private static void awaitReady(List<String> ready, int count, FlowThroughput.Flow flow) {
    await(flow.name() + ": flow " + count + " of a path round becoming the operator's").atMost(WAIT)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> ready.size() >= count);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
