package io.operatorconnect.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long a queued dialog will probably wait, for the dialogs of one subject:
 * {@code ceil(position × averageHandling / servingSlots)} seconds.
 *
 * <p>{@code averageHandling} is the mean time recent dialogs spent with their operator (assigned to
 * closed); {@code servingSlots} is how many dialogs the subject's online operators can hold at once
 * (the sum of their {@code maxDialogs}, at least 1); {@code position} is the dialog's place among
 * the queued dialogs of its subject (1 = next). Those operators finish about {@code servingSlots}
 * dialogs per {@code averageHandling}, and the dialog is served once {@code position} slots have
 * freed. It is the wait still ahead, not counting what the dialog has waited already. Plain Java:
 * {@link WaitEstimator} reads the figures from the database.
 *
 * @param averageHandling mean handling time of recently closed dialogs, never negative
 * @param servingSlots    dialogs the subject's online operators can hold at once, at least 1
 */
public record WaitEstimate(Duration averageHandling, int servingSlots) {

  /** How many recently closed dialogs the average handling time is taken over. */
  public static final int HISTORY = 50;

  public WaitEstimate {
    if (averageHandling.isNegative()) {
      throw new IllegalArgumentException("averageHandling must not be negative: " + averageHandling);
    }
    if (servingSlots < 1) {
      throw new IllegalArgumentException("servingSlots must be at least 1: " + servingSlots);
    }
  }

  /**
   * The estimate from recent handling times (a negative one, from clocks that disagree, counts as
   * zero) and the online operators' slots (fewer than 1 counts as 1: the first operator to come
   * online serves the queue). Empty when there are no handling times to go by.
   */
  public static Optional<WaitEstimate> of(List<Duration> handlingTimes, int onlineSlots) {
    if (handlingTimes.isEmpty()) {
      return Optional.empty();
    }
    long totalMillis = 0;
    for (Duration handling : handlingTimes) {
      totalMillis += Math.max(0, handling.toMillis());
    }
    return Optional.of(new WaitEstimate(Duration.ofMillis(totalMillis / handlingTimes.size()),
        Math.max(1, onlineSlots)));
  }

  /** Whole seconds, rounded up, until the dialog at this place among its subject's queued dialogs gets an operator. */
  public long secondsAt(int position) {
    if (position < 1) {
      throw new IllegalArgumentException("position starts at 1: " + position);
    }
    long millis = Math.multiplyExact(averageHandling.toMillis(), position);
    return ceilDiv(millis, 1000L * servingSlots);
  }

  private static long ceilDiv(long dividend, long divisor) {
    return -Math.floorDiv(-dividend, divisor);
  }
}
