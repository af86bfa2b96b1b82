package io.operatorconnect.security;

import java.util.Arrays;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start an app nobody can administer, or one whose administrator has a password anybody
 * could guess. There is no default password outside the {@code demo} profile.
 */
@Component
class AdministratorCheck extends AbstractProcessEnginePlugin implements SmartInitializingSingleton {

  static final String ID = "camunda.bpm.admin-user.id";
  static final String PASSWORD = "camunda.bpm.admin-user.password";
  private static final String DEMO = "demo";

  private final Environment environment;
  private final ObjectProvider<ProcessEngine> engine;
  /** Checks demo/demo without counting a failed sign-in; built after the engine, as this plugin comes before. */
  private final ObjectProvider<EngineIdentity> engineIdentity;

  AdministratorCheck(Environment environment, ObjectProvider<ProcessEngine> engine,
      ObjectProvider<EngineIdentity> engineIdentity) {
    this.environment = environment;
    this.engine = engine;
    this.engineIdentity = engineIdentity;
  }

  /** Before the engine is built: Camunda would otherwise create the first administrator with a guessable password. */
  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    String id = environment.getProperty(ID);
    if (id == null || id.isBlank()) {
      return;
    }
    String password = environment.getProperty(PASSWORD);
    if (password == null || password.isBlank()) {
      throw new IllegalStateException(ID + " is set but " + PASSWORD + " is not: Camunda would give the"
          + " administrator '" + id + "' the password '" + id + "'. Set " + PASSWORD
          + " (environment variable CAMUNDA_BPM_ADMINUSER_PASSWORD)");
    }
    if (password.equals(id) && !demo()) {
      throw new IllegalStateException(PASSWORD + " equals the user id '" + id + "'; choose another password"
          + " (only the demo profile may do this)");
    }
  }

  /** After the engine is built (and has created the configured administrator, if any). */
  @Override
  public void afterSingletonsInstantiated() {
    IdentityService identity = engine.getObject().getIdentityService();
    if (identity.createUserQuery().memberOfGroup(Role.ADMIN.group()).count() == 0) {
      throw new IllegalStateException("No administrator can sign in: set " + ID + " and " + PASSWORD
          + " (environment variables CAMUNDA_BPM_ADMINUSER_ID and CAMUNDA_BPM_ADMINUSER_PASSWORD) to create the"
          + " first one, or try the app with the demo profile (--spring.profiles.active=demo)");
    }
    if (!demo() && identity.createUserQuery().userId(DEMO).count() > 0
        && engineIdentity.getObject().passwordMatches(DEMO, DEMO)) {
      throw new IllegalStateException("The administrator 'demo' still has the demo profile's password 'demo'"
          + " (this database was first started with --spring.profiles.active=demo): anybody could sign in as"
          + " them. Start once more with the demo profile and change the password in Camunda Admin"
          + " (/camunda/app/admin), or delete the user 'demo', before running without it");
    }
    for (Role role : Role.values()) {
      if (identity.createGroupQuery().groupId(role.group()).count() == 0) {
        Group group = identity.newGroup(role.group());
        group.setName("Operator Connect " + role.name().toLowerCase());
        group.setType("WORKFLOW");
        identity.saveGroup(group);
      }
    }
    TasklistAccess.grant(engine.getObject());
  }

  private boolean demo() {
    return Arrays.asList(environment.getActiveProfiles()).contains("demo");
  }
}
