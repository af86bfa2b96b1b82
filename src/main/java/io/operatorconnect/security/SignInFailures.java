package io.operatorconnect.security;

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
 * evenly ({@link AddressBuckets}). An address that has used them up is refused before its next password
 * reaches the engine, so one source cannot push a user into the engine's pause, nor try passwords faster
 * than that.
 */
@Component
class SignInFailures {

  private static final Logger log = LoggerFactory.getLogger(SignInFailures.class);
  private final AddressBuckets failures;

  SignInFailures(SecurityProperties properties) {
    this.failures = new AddressBuckets(properties.signInFailures(), properties.signInWindow());
  }

  /** Counts a failed sign-in against the address it came from (Basic or the login form). */
  @EventListener
  void failed(AbstractAuthenticationFailureEvent event) {
    if (event.getException() instanceof SignInPaused) {
      return; // refused without a password check: nothing was tried
    }
    if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
        && details.getRemoteAddress() != null) {
      if (!failures.take(details.getRemoteAddress())) {
        log.warn("sign-in failures from {} over the limit of {} per {}", details.getRemoteAddress(),
            failures.capacity(), failures.window());
      }
    }
  }

  /** How long the address must wait before its next sign-in is taken; empty when it may sign in now. */
  Optional<Duration> pausedFor(String address) {
    return failures.waitFor(address);
  }
}
