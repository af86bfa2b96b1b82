package io.operatorconnect.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
  private static final long QUIET_MILLIS = 40;
  private static final long WAIT_MILLIS = 10_000;

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
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    long last = statements.total();
    while (true) {
      sleep(QUIET_MILLIS);
      long now = statements.total();
      if (now == last) {
        return now;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the application kept sending statements for " + WAIT_MILLIS
            + " ms after a step of a path round");
      }
      last = now;
    }
  }

  private static void awaitReady(List<String> ready, int count, FlowThroughput.Flow flow) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (ready.size() < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(flow.name() + ": flow " + count + " of a path round did not become the"
            + " operator's within " + WAIT_MILLIS + " ms");
      }
      sleep(5);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
