package io.operatorconnect.security;

import io.operatorconnect.system.ConflictException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's sign-in: a user of the engine's identity service with the operator's id, in the
 * operators group. The same account signs in to the panel, the API and Tasklist, where the
 * operator's tasks are assigned to that id. The identity service stores only a salted hash. Our API
 * never touches a user that is not an operator's: an administrator, an integration or a Camunda user
 * keep their password and groups whatever operator is created.
 */
@Component
public class OperatorAccounts {

  private final IdentityService identity;

  OperatorAccounts(IdentityService identity) {
    this.identity = identity;
  }

  /** Refuses a new operator whose id is already a user's: creating it would take over that user. */
  public void requireUnused(String operatorId) {
    if (identity.createUserQuery().userId(operatorId).count() > 0) {
      throw new ConflictException("'" + operatorId + "' is already a user of the app; an operator's id becomes"
          + " their user name, so choose another id (nothing was changed)");
    }
  }

  /**
   * Creates the account of an operator who has none, or sets the password of their own account. A user
   * of the same id who is not in the operators group is refused with a 409 and left as they are.
   */
  @Transactional
  public void open(String operatorId, String name, String password) {
    User user = identity.createUserQuery().userId(operatorId).singleResult();
    boolean operator = identity.createUserQuery().userId(operatorId).memberOfGroup(Role.OPERATOR.group()).count() > 0;
    if (user != null && !operator) {
      throw new ConflictException("user '" + operatorId + "' is not an operator's account; their password is"
          + " changed in Camunda Admin, not here (nothing was changed)");
    }
    if (user == null) {
      user = identity.newUser(operatorId);
    }
    named(user, name);
    user.setPassword(password);
    identity.saveUser(user);
    if (!operator) {
      identity.createMembership(operatorId, Role.OPERATOR.group());
    }
  }

  /** An operator's new name on their account too, if they have one (a user who is not an operator's is left alone). */
  @Transactional
  public void rename(String operatorId, String name) {
    User user = identity.createUserQuery().userId(operatorId).memberOfGroup(Role.OPERATOR.group()).singleResult();
    if (user != null) {
      named(user, name);
      identity.saveUser(user);
    }
  }

  /**
   * Tasklist and Cockpit show a user as first and last name: the operator's name is split at its last space
   * ("Anna Maria Lind": "Anna Maria" and "Lind"), and a name of one word has an empty last name, not null,
   * which they would show as "Anna null".
   */
  static void named(User user, String name) {
    int space = name.strip().lastIndexOf(' ');
    user.setFirstName(space < 0 ? name.strip() : name.strip().substring(0, space).strip());
    user.setLastName(space < 0 ? "" : name.strip().substring(space + 1));
  }
}
