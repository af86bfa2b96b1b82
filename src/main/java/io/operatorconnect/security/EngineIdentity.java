package io.operatorconnect.security;

import java.time.Duration;
import org.camunda.bpm.engine.identity.User;

/**
 * What sign-in needs from the engine's identity service beyond its public API: how long a user's sign-in
 * is paused after wrong passwords, and whether a password matches without counting a failure. The
 * engine's side ({@code process.EngineInternals}) answers it, where every use of the engine's internal
 * classes sits.
 */
public interface EngineIdentity {

  /**
   * How long the engine still refuses the user's sign-in after wrong passwords; zero when it does not, or
   * for no user (null). Takes the user as the caller read it: sign-in reads it once for this and the roles.
   */
  Duration signInPausedFor(User user);

  /** Whether the password is the user's, checked against the stored hash without counting a failed sign-in. */
  boolean passwordMatches(String userId, String password);
}
