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

  /** How long until a sign-in is taken again, in whole seconds, at least one. */
  Duration retryAfter() {
    return Duration.ofSeconds(seconds(retryAfter));
  }

  /** A pause in whole seconds, rounded up, at least one: what the refusal says and {@code Retry-After} sends. */
  static long seconds(Duration pause) {
    return Math.max(1, (pause.toMillis() + 999) / 1000);
  }
}
