package io.operatorconnect.security;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against the engine's identity service: the password hashes live in
 * its tables (salted, never in clear), and Camunda pauses a user's sign-in for a while after each wrong
 * password (3 s, doubling up to 60 s; never for good, see {@code loginMaxAttempts} in application.yaml).
 * The user's groups become their roles (see {@link Role}); the signed-in authentication remembers which
 * password and roles it was given, so that a session can be ended when either changes ({@link SessionRights}).
 */
@Component
class CamundaIdentityAuthentication implements AuthenticationProvider {

  /** What a signed-in authentication was granted on: a fingerprint of the password hash, and the roles. */
  record Standing(String passwordFingerprint, Set<Role> roles) implements Serializable {
  }

  private final IdentityService identity;
  private final EngineIdentity engineIdentity;

  CamundaIdentityAuthentication(IdentityService identity, EngineIdentity engineIdentity) {
    this.identity = identity;
    this.engineIdentity = engineIdentity;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (user == null || user.isBlank() || !(credentials instanceof String password)) {
      throw new BadCredentialsException("wrong user name or password");
    }
    // read once: for the engine's pause, and for the roles and the password's fingerprint after the check
    User account = identity.createUserQuery().userId(user).singleResult();
    Duration paused = engineIdentity.signInPausedFor(account);
    if (!paused.isZero()) {
      throw new SignInPaused("sign-in of '" + user + "' is paused for " + SignInPaused.seconds(paused)
          + " s after wrong passwords; try again after that", paused);
    }
    if (account == null || !identity.checkPassword(user, password)) {
      throw new BadCredentialsException("wrong user name or password");
    }
    Standing standing = standing(account);
    if (standing.roles().isEmpty()) {
      throw new DisabledException("user '" + user + "' has no Operator Connect role: an administrator adds them to"
          + " the group '" + Role.OPERATOR.group() + "', '" + Role.INTEGRATION.group() + "' or '"
          + Role.ADMIN.group() + "'");
    }
    List<GrantedAuthority> roles = standing.roles().stream()
        .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList();
    UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
    signedIn.setDetails(standing);
    return signedIn;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** The user's password and roles as the identity service has them now; empty when the user is gone. */
  Optional<Standing> standing(String userId) {
    return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()).map(this::standing);
  }

  private Standing standing(User user) {
    Set<Role> roles = identity.createGroupQuery().groupMember(user.getId()).list().stream()
        .map(Group::getId)
        .flatMap(group -> Role.ofGroup(group).stream())
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    return new Standing(fingerprint(user.getPassword()), roles);
  }

  private static String fingerprint(String passwordHash) {
    if (passwordHash == null) {
      return "";
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(passwordHash.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
