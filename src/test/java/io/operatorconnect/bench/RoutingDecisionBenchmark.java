package io.operatorconnect.bench;

import java.util.SortedMap;

/**
 * JMH: one routing decision with 10, 1,000 and 10,000 operators in the database. Filled in next.
 */
public class RoutingDecisionBenchmark {

  /** Median microseconds of one decision, by operator count, on the given database. */
  public static SortedMap<Integer, Double> medianMicros(BenchApplication.Database database) {
    throw new UnsupportedOperationException("not yet measured");
  }
}
