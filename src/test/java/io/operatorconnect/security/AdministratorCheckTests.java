package io.operatorconnect.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.operatorconnect.process.EngineInternals;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/** The app does not start without an administrator, nor with Camunda's guessable default password. */
class AdministratorCheckTests {

  static ProcessEngine engine;

  @BeforeAll
  static void emptyEngine() {
    engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:administrator-check;DB_CLOSE_DELAY=-1")
        .setProcessEngineName("administratorCheck")
        .setJobExecutorActivate(false)
        .buildProcessEngine();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void shouldRefuseAnAdministratorWithoutAPassword() {
    MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "root");

    assertThatThrownBy(() -> check(environment).preInit(null))
        .hasMessageContaining("camunda.bpm.admin-user.password is not")
        .hasMessageContaining("the password 'root'")
        .hasMessageContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD");
  }

  @Test
  void shouldRefuseThePasswordEqualToTheUserIdOutsideTheDemoProfile() {
    MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "demo")
        .withProperty("camunda.bpm.admin-user.password", "demo");

    assertThatThrownBy(() -> check(environment).preInit(null)).hasMessageContaining("equals the user id");

    environment.setActiveProfiles("demo");
    assertThatCode(() -> check(environment).preInit(null)).doesNotThrowAnyException();
  }

  @Test
  void shouldAcceptAConfiguredAdministratorOrNone() {
    assertThatCode(() -> check(new MockEnvironment()).preInit(null)).doesNotThrowAnyException();
    assertThatCode(() -> check(new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "root")
        .withProperty("camunda.bpm.admin-user.password", "a-long-secret")).preInit(null)).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseToStartWhenNobodyCanAdministerTheAppAndStartOnceSomebodyCan() {
    // given: an engine without users
    AdministratorCheck check = check(new MockEnvironment());

    // when / then
    assertThatThrownBy(check::afterSingletonsInstantiated)
        .hasMessageContaining("No administrator can sign in")
        .hasMessageContaining("camunda.bpm.admin-user.id and camunda.bpm.admin-user.password")
        .hasMessageContaining("demo");

    // given: an administrator
    var identity = engine.getIdentityService();
    User root = identity.newUser("root");
    root.setPassword("a-long-secret");
    identity.saveUser(root);
    identity.saveGroup(identity.newGroup(Role.ADMIN.group()));
    identity.createMembership("root", Role.ADMIN.group());

    // when / then: it starts, and the groups of the other roles exist for the administrator to fill
    check.afterSingletonsInstantiated();
    assertThat(identity.createGroupQuery().groupIdIn(Role.OPERATOR.group(), Role.INTEGRATION.group()).count())
        .isEqualTo(2);
  }

  @Test
  void shouldRefuseToStartWithoutTheDemoProfileWhileDemoDemoStillSignsIn() {
    // given: the administrator a first start with the demo profile made
    var identity = engine.getIdentityService();
    User demo = identity.newUser("demo");
    demo.setPassword("demo");
    identity.saveUser(demo);
    boolean newGroup = identity.createGroupQuery().groupId(Role.ADMIN.group()).count() == 0;
    if (newGroup) {
      identity.saveGroup(identity.newGroup(Role.ADMIN.group()));
    }
    identity.createMembership("demo", Role.ADMIN.group());
    try {
      // when / then: refused without the profile, accepted with it, and the check counts no failed sign-in
      assertThatThrownBy(() -> check(new MockEnvironment()).afterSingletonsInstantiated())
          .hasMessageContaining("'demo' still has the demo profile's password");
      MockEnvironment demoProfile = new MockEnvironment();
      demoProfile.setActiveProfiles("demo");
      assertThatCode(() -> check(demoProfile).afterSingletonsInstantiated()).doesNotThrowAnyException();
      assertThat(identity.checkPassword("demo", "demo")).isTrue();

      // given the password changed, it starts without the profile
      User changed = identity.createUserQuery().userId("demo").singleResult();
      changed.setPassword("a-long-secret-of-the-admin");
      identity.saveUser(changed);
      assertThatCode(() -> check(new MockEnvironment()).afterSingletonsInstantiated()).doesNotThrowAnyException();
    } finally {
      identity.deleteUser("demo");
      if (newGroup) {
        identity.deleteGroup(Role.ADMIN.group());
      }
    }
  }

  private static AdministratorCheck check(MockEnvironment environment) {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("engine", engine);
    beans.registerSingleton("engineIdentity", new EngineInternals(engine));
    return new AdministratorCheck(environment, beans.getBeanProvider(ProcessEngine.class),
        beans.getBeanProvider(EngineIdentity.class));
  }
}
