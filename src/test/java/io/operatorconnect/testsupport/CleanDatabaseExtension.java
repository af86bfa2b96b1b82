package io.operatorconnect.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Starts every test from nothing: no process instances, no operators, dialogs or bans, no users but the
 * administrator, default panel settings, the engine clock at real time. Deployed diagrams stay.
 */
public class CleanDatabaseExtension implements BeforeEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    var spring = SpringExtension.getApplicationContext(context);
    ProcessEngine engine = spring.getBean(ProcessEngine.class);
    ClockUtil.reset();
    var runtime = engine.getRuntimeService();
    // A drain the previous test set off after its last commit may still be moving an instance; try again.
    await().atMost(Duration.ofSeconds(10)).ignoreException(OptimisticLockingException.class)
        .until(() -> {
          runtime.createProcessInstanceQuery().list()
              .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test cleanup", true, true));
          return runtime.createProcessInstanceQuery().count() == 0;
        });
    engine.getManagementService().createJobQuery().list()
        .forEach(job -> engine.getManagementService().deleteJob(job.getId()));
    // Users but the test administrator: an operator's account is made with the operator, and a new operator
    // may not take over a user of the same id.
    var identity = engine.getIdentityService();
    identity.createUserQuery().list().stream().filter(user -> !user.getId().equals(HttpApi.ADMIN))
        .forEach(user -> identity.deleteUser(user.getId()));
    // A wrong administrator password in one test pauses the administrator's sign-in for the next ones.
    identity.unlockUser(HttpApi.ADMIN);
    JdbcClient jdbc = spring.getBean(JdbcClient.class);
    for (String table : new String[] {"oc_reply", "oc_read_mark", "oc_outbox", "oc_channel", "oc_decision", "oc_message", "oc_dialog", "oc_operator_group", "oc_operator_channel_limit",
        "oc_operator", "oc_rotation", "oc_banned_client"}) {
      deleteAll(jdbc, table);
    }
    jdbc.sql("UPDATE oc_panel_settings SET auto_connect = TRUE, distribution_method = 'FEWEST_DIALOGS_THEN_IDLE',"
        + " redistribute_on_offline = FALSE").update();
    spring.getBean(AssignmentAudit.class).reset();
    spring.getBean(CommitFaults.class).reset();
  }

  /**
   * Empties a table; tried again when it deadlocks with work the previous test left running after commit (the
   * outbox's dispatcher claiming its last deliveries).
   */
  private static void deleteAll(JdbcClient jdbc, String table) {
    for (int attempt = 1; ; attempt++) {
      try {
        jdbc.sql("DELETE FROM " + table).update();
        return;
      } catch (org.springframework.dao.PessimisticLockingFailureException busy) {
        if (attempt == 5) {
          throw busy;
        }
      }
    }
  }
}
