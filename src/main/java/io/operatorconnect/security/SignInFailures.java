package io.operatorconnect.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Wrong passwords counted per source address: {@code sign-in-failures} per {@code sign-in-window}, refilled
 * evenly. An address that has used them up is refused before its next password reaches the engine, so one
 * source cannot push a user into the engine's pause, nor try passwords faster than that. Counted on each
 * node; addresses not seen for two windows are forgotten, and at most {@value #MAX_ADDRESSES} are kept.
 */
@Component
class SignInFailures {

  private static final Logger log = LoggerFactory.getLogger(SignInFailures.class);
  static final int MAX_ADDRESSES = 100_000;

  private final SecurityProperties properties;
  private final Cache<String, Bucket> buckets;

  SignInFailures(SecurityProperties properties) {
    this.properties = properties;
    this.buckets = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES)
        .expireAfterAccess(properties.signInWindow().multipliedBy(2)).build();
  }

  /** Counts a failed sign-in against the address it came from (Basic or the login form). */
  @EventListener
  void failed(AbstractAuthenticationFailureEvent event) {
    if (event.getException() instanceof SignInPaused) {
      return; // refused without a password check: nothing was tried
    }
    if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
        && details.getRemoteAddress() != null) {
      Bucket bucket = buckets.get(details.getRemoteAddress(), address -> newBucket());
      if (!bucket.tryConsume(1)) {
        log.warn("sign-in failures from {} over the limit of {} per {}", details.getRemoteAddress(),
            properties.signInFailures(), properties.signInWindow());
      }
    }
  }

  /** How long the address must wait before its next sign-in is taken; empty when it may sign in now. */
  Optional<Duration> pausedFor(String address) {
    Bucket bucket = buckets.getIfPresent(address);
    if (bucket == null || bucket.getAvailableTokens() > 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
  }

  private Bucket newBucket() {
    return Bucket.builder().addLimit(Bandwidth.builder().capacity(properties.signInFailures())
        .refillGreedy(properties.signInFailures(), properties.signInWindow()).build()).build();
  }
}
