package io.operatorconnect.testsupport;

import io.operatorconnect.security.Role;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Users of the engine's identity service for tests of who may do what; idempotent, since those tables outlive a test. */
public final class TestUsers {

  private TestUsers() {
  }

  /** A user with the password and exactly the given roles (none: a user who may not sign in). */
  public static void user(IdentityService identity, String id, String password, Role... roles) {
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user == null) {
      user = identity.newUser(id);
    }
    user.setFirstName(id);
    user.setPassword(password);
    identity.saveUser(user);
    for (Role role : Role.values()) {
      identity.deleteMembership(id, role.group());
    }
    for (Role role : roles) {
      identity.createMembership(id, role.group());
    }
  }
}
