package io.operatorconnect.security;

import io.operatorconnect.system.ForbiddenException;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in user of the current request and the checks that depend on who they are. */
public record Caller(String id, Set<Role> roles) {

  /** The caller of the request being served; the security filter has made sure there is one. */
  public static Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()) {
      throw new ForbiddenException("this request needs a signed-in user");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    authentication.getAuthorities().forEach(authority -> {
      for (Role role : Role.values()) {
        if (role.authority().equals(authority.getAuthority())) {
          roles.add(role);
        }
      }
    });
    return new Caller(authentication.getName(), roles);
  }

  public boolean is(Role role) {
    return roles.contains(role);
  }

  public boolean isAdmin() {
    return is(Role.ADMIN);
  }

  /** An administrator, or the operator {@code operatorId} themselves. */
  public boolean actsFor(String operatorId) {
    return isAdmin() || (is(Role.OPERATOR) && id.equals(operatorId));
  }

  /** Passes for an administrator and for the operator themselves; refuses everybody else with a 403. */
  public void requireSelfOrAdmin(String operatorId, String what) {
    if (!actsFor(operatorId)) {
      throw new ForbiddenException("'" + id + "' may not " + what + " of operator '" + operatorId
          + "': an operator acts only on their own; an administrator on everyone's");
    }
  }
}
