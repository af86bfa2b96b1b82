package io.operatorconnect.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Optional;

/**
 * A budget per source address: {@code capacity} per {@code window}, refilled evenly (a Bucket4j bucket per
 * address). Kept on each node; an address not seen for two windows is forgotten, and at most
 * {@value #MAX_ADDRESSES} are kept, so a flood of addresses cannot fill the memory. Serves the wrong
 * passwords of sign-ins ({@link SignInFailures}) and the web chat's starts ({@link ChatStartLimit}).
 */
final class AddressBuckets {

  static final int MAX_ADDRESSES = 100_000;

  private final int capacity;
  private final Duration window;
  private final Cache<String, Bucket> buckets;

  AddressBuckets(int capacity, Duration window) {
    this.capacity = capacity;
    this.window = window;
    this.buckets = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES).expireAfterAccess(window.multipliedBy(2)).build();
  }

  /** Takes one from the address's budget; false when it is used up. */
  boolean take(String address) {
    return buckets.get(address, ignored -> newBucket()).tryConsume(1);
  }

  /** How long the address must wait before it has one again; empty when it has one now. */
  Optional<Duration> waitFor(String address) {
    Bucket bucket = buckets.getIfPresent(address);
    if (bucket == null || bucket.getAvailableTokens() > 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
  }

  int capacity() {
    return capacity;
  }

  Duration window() {
    return window;
  }

  private Bucket newBucket() {
    return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
        .build();
  }
}
