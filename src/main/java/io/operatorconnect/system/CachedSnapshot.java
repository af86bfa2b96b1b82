package io.operatorconnect.system;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database for gauges, read again only when it is older than a maximum age.
 * A Prometheus scrape reads every gauge of a feature; they all share one snapshot, so a scrape costs
 * one query per feature at most, and scrapes from several Prometheus servers within the maximum age
 * cost nothing. A failed read is remembered for the maximum age too (the gauges then show NaN), so a
 * database outage does not turn every scrape into a pile of queries waiting for a connection.
 */
public final class CachedSnapshot<T> {

  private static final Logger log = LoggerFactory.getLogger(CachedSnapshot.class);

  private final String name;
  private final Supplier<T> loader;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private Optional<T> value = Optional.empty();
  private long readAtNanos;
  private boolean read;

  public CachedSnapshot(String name, Supplier<T> loader, Duration maxAge) {
    this(name, loader, maxAge, System::nanoTime);
  }

  /** With a clock of its own, for tests: {@code nanoTime} as {@link System#nanoTime()} counts. */
  public CachedSnapshot(String name, Supplier<T> loader, Duration maxAge, LongSupplier nanoTime) {
    this.name = name;
    this.loader = loader;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The snapshot, read afresh when the last read is older than the maximum age; empty when the read failed. */
  public synchronized Optional<T> get() {
    long now = nanoTime.getAsLong();
    if (!read || now - readAtNanos >= maxAgeNanos) {
      value = load();
      readAtNanos = now;
      read = true;
    }
    return value;
  }

  private Optional<T> load() {
    try {
      return Optional.of(loader.get());
    } catch (RuntimeException e) {
      log.warn("metrics: cannot read the {} snapshot, its gauges show NaN until the next read: {}", name,
          e.toString());
      return Optional.empty();
    }
  }
}
