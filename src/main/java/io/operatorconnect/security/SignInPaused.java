package io.operatorconnect.security;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/** Sign-in refused for a while, whatever the password: too many wrong ones for this user or from this address. */
class SignInPaused extends LockedException {

  private final transient Duration retryAfter;

  SignInPaused(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** How long until a sign-in is taken again, at least a second. */
  Duration retryAfter() {
    return retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
  }
}
