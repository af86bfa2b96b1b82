package io.operatorconnect.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's sign-in: a user of the engine's identity service with the operator's id, in the
 * operators group. The same account signs in to the panel, the API and Tasklist, where the
 * operator's tasks are assigned to that id. The identity service stores only a salted hash.
 */
@Component
public class OperatorAccounts {

  private final IdentityService identity;

  OperatorAccounts(IdentityService identity) {
    this.identity = identity;
  }

  /** Creates the account, or sets the password of an existing one, and makes sure it has the operator role. */
  @Transactional
  public void open(String operatorId, String name, String password) {
    User user = identity.createUserQuery().userId(operatorId).singleResult();
    if (user == null) {
      user = identity.newUser(operatorId);
    }
    user.setFirstName(name);
    user.setPassword(password);
    identity.saveUser(user);
    if (identity.createUserQuery().userId(operatorId).memberOfGroup(Role.OPERATOR.group()).count() == 0) {
      identity.createMembership(operatorId, Role.OPERATOR.group());
    }
  }
}
