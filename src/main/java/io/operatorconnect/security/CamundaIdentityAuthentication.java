package io.operatorconnect.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
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
 * its tables (salted, never in clear), and Camunda locks a user out for a while after repeated wrong
 * passwords. The user's groups become their roles (see {@link Role}).
 */
@Component
class CamundaIdentityAuthentication implements AuthenticationProvider {

  private final IdentityService identity;

  CamundaIdentityAuthentication(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (user == null || user.isBlank() || !(credentials instanceof String password)
        || !identity.checkPassword(user, password)) {
      throw new BadCredentialsException("wrong user name or password");
    }
    List<GrantedAuthority> roles = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId)
        .flatMap(group -> Role.ofGroup(group).stream())
        .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority()))
        .toList();
    if (roles.isEmpty()) {
      throw new DisabledException("user '" + user + "' has no Operator Connect role: an administrator adds them to"
          + " the group '" + Role.OPERATOR.group() + "', '" + Role.INTEGRATION.group() + "' or '"
          + Role.ADMIN.group() + "'");
    }
    return UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
