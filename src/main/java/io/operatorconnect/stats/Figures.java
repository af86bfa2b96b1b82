package io.operatorconnect.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a set of dialogs went (plain Java: the rules are tested without a database):
 * <ul>
 *   <li>{@code dialogs}: all of them; {@code handled}: reached an operator and closed; {@code abandoned}: the
 *       client left while waiting for one;</li>
 *   <li>time to assignment, over those that reached an operator: from the moment they started waiting (zero
 *       when connected at once);</li>
 *   <li>first response: from the assignment to the operator's first message, over those with one;</li>
 *   <li>handling: from the assignment to the close, over the handled;</li>
 *   <li>answered within the target: the share, of those that reached an operator or were abandoned waiting for
 *       one, that had an operator's message within the target of the moment they started waiting; null when
 *       there were none.</li>
 * </ul>
 * Percentiles by the nearest rank, in seconds to the millisecond; null when there is nothing to take them of.
 */
public record Figures(int dialogs, int handled, int abandoned, Percentiles timeToAssignmentSeconds,
    Percentiles firstResponseSeconds, Percentiles handlingSeconds, Double answeredWithinTarget) {

  /** The median and the 90th percentile. */
  public record Percentiles(Double p50, Double p90) {

    static Percentiles of(List<Duration> durations) {
      if (durations.isEmpty()) {
        return new Percentiles(null, null);
      }
      List<Long> millis = new ArrayList<>(durations.stream().map(Duration::toMillis).sorted().toList());
      return new Percentiles(seconds(rank(millis, 0.5)), seconds(rank(millis, 0.9)));
    }

    private static long rank(List<Long> sorted, double percentile) {
      int index = (int) Math.ceil(percentile * sorted.size()) - 1;
      return sorted.get(Math.max(0, index));
    }

    private static double seconds(long millis) {
      return millis / 1000.0;
    }
  }

  static Figures of(List<DialogTimes> times, Duration target) {
    List<DialogTimes> reached = times.stream().filter(DialogTimes::reachedAnOperator).toList();
    List<DialogTimes> handled = reached.stream().filter(DialogTimes::handled).toList();
    int abandoned = (int) times.stream().filter(DialogTimes::abandoned).count();
    int asked = reached.size() + (int) times.stream().filter(t -> t.abandoned() && !t.reachedAnOperator()).count();
    long answered = reached.stream().filter(t -> t.answeredWithin(target)).count();
    return new Figures(times.size(), handled.size(), abandoned,
        Percentiles.of(reached.stream().map(DialogTimes::timeToAssignment).toList()),
        Percentiles.of(reached.stream().map(DialogTimes::firstResponse).filter(Objects::nonNull).toList()),
        Percentiles.of(handled.stream().map(DialogTimes::handling).toList()),
        asked == 0 ? null : Math.round(1000.0 * answered / asked) / 1000.0);
  }
}
