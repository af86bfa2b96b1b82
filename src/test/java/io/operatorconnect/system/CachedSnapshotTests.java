package io.operatorconnect.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The gauges' snapshot: read at most once per maximum age, failures included. */
class CachedSnapshotTests {

  final AtomicLong nanos = new AtomicLong();
  final AtomicInteger reads = new AtomicInteger();

  @Test
  void shouldReadOnceWithinTheMaximumAgeAndAgainAfterIt() {
    // given
    CachedSnapshot<Integer> snapshot = new CachedSnapshot<>("test", reads::incrementAndGet, Duration.ofSeconds(5),
        nanos::get);

    // when read by many gauges within five seconds
    for (int i = 0; i < 10; i++) {
      assertThat(snapshot.get()).contains(1);
      nanos.addAndGet(Duration.ofMillis(400).toNanos());
    }

    // then one read served them all; the next one after five seconds reads again
    assertThat(reads).hasValue(1);
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(snapshot.get()).contains(2);
  }

  @Test
  void shouldReadEveryTimeWithAMaximumAgeOfZero() {
    // given
    CachedSnapshot<Integer> snapshot = new CachedSnapshot<>("test", reads::incrementAndGet, Duration.ZERO,
        nanos::get);

    // when
    snapshot.get();
    snapshot.get();

    // then
    assertThat(reads).hasValue(2);
  }

  @Test
  void shouldRememberAFailedReadForTheMaximumAgeToo() {
    // given a database that does not answer
    CachedSnapshot<Integer> snapshot = new CachedSnapshot<>("test", () -> {
      reads.incrementAndGet();
      throw new IllegalStateException("connection refused");
    }, Duration.ofSeconds(5), nanos::get);

    // when read by many gauges in one scrape
    for (int i = 0; i < 10; i++) {
      assertThat(snapshot.get()).isEmpty();
    }

    // then it was asked once, and once more when the maximum age has passed
    assertThat(reads).hasValue(1);
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    snapshot.get();
    assertThat(reads).hasValue(2);
  }
}
