package io.operatorconnect.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who may do what. Each role is membership of one group of the engine's identity service, so users,
 * their groups and their hashed passwords are managed in one place (Camunda Admin, or {@code /engine-rest})
 * and are the same on every node.
 */
public enum Role {

  /** Settings, operators, every dialog, Cockpit, Admin and {@code /engine-rest}: Camunda's own admin group. */
  ADMIN("camunda-admin"),
  /** Their own status and their own dialogs, the waiting ones they may take, Tasklist. */
  OPERATOR("operators"),
  /** The bot or channel: creates dialogs, posts the client's messages, closes a dialog the client left. */
  INTEGRATION("integrations");

  private final String group;

  Role(String group) {
    this.group = group;
  }

  /** The identity-service group whose members have this role. */
  public String group() {
    return group;
  }

  /** The Spring Security authority, for {@code hasRole(...)} rules. */
  public String authority() {
    return "ROLE_" + name();
  }

  static Optional<Role> ofGroup(String groupId) {
    return Arrays.stream(values()).filter(role -> role.group.equals(groupId)).findFirst();
  }
}
