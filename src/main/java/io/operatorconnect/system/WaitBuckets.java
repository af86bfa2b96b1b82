package io.operatorconnect.system;

import java.time.Duration;

/**
 * The histogram buckets of the waiting-time timers, for {@code histogram_quantile()} in Prometheus.
 * A fixed, short list instead of Micrometer's percentile histogram: that one has about 70 buckets
 * between 100 ms and an hour, for every tag combination, where a client's wait for an operator needs
 * a dozen to read a percentile within a bucket's width. Other buckets can be given per meter with
 * {@code management.metrics.distribution.slo.<name>} (or the full percentile histogram with
 * {@code management.metrics.distribution.percentiles-histogram.<name>=true}).
 */
public final class WaitBuckets {

  private WaitBuckets() {
  }

  /** From "at once" to the longest wait a scenario is likely to allow. */
  public static Duration[] waits() {
    return new Duration[] {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
        Duration.ofMinutes(30), Duration.ofHours(1)};
  }
}
