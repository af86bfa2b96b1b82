package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.TestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link DialogRepository} keeps the row of a dialog its transaction holds locked, and applies its own
 * changes to it instead of reading the row again: after every kind of change, the row it hands out is
 * the row the database has.
 */
@OperatorConnectTest
class DialogRowHeldTests {

  /** Nanoseconds, which the database does not keep: the row held must be what it keeps. */
  private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123456789Z");

  @Autowired
  DialogRepository dialogs;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TestDriver driver;
  @Autowired
  PlatformTransactionManager transactions;

  @Test
  void shouldHoldTheRowAsTheDatabaseHasItAfterEveryChange() {
    // given two operators
    driver.onlineOperator("anna", 2, "support");
    driver.onlineOperator("bob", 2, "sales");
    String id = UUID.randomUUID().toString();

    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      // when a dialog goes through every change the repository makes, in one transaction
      dialogs.insert(id, "telegram", "client-1", "support_chat", NOW);
      assertHeldAsStored(id);
      change(id, dialog -> dialogs.setProcessInstance(id, "instance-1"));
      change(id, dialog -> dialogs.recordRequest(id, new ConnectRequest(true, "support", true, null,
          DistributionMethod.ROUND_ROBIN, false, "Hello", "Please wait", 5)));
      change(id, dialog -> dialogs.setConnectResult(id, ConnectResult.LIMIT));
      change(id, dialog -> dialogs.markWaiting(dialog, DialogState.QUEUED, NOW.plusSeconds(1)));
      // ... waiting in another way keeps its place
      change(id, dialog -> dialogs.markWaiting(dialog, DialogState.REQUESTED, NOW.plusSeconds(2)));
      change(id, dialog -> dialogs.markTakenOver(dialog, "anna", NOW.plusSeconds(3)));
      change(id, dialog -> dialogs.setOperatorTask(id, "task-1"));
      change(id, dialog -> dialogs.markHandedOver(dialog, "bob", NOW.plusSeconds(4)));
      change(id, dialog -> dialogs.setSubject(id, "sales"));
      change(id, dialog -> dialogs.markRequeued(dialog, "support"));
      change(id, dialog -> dialogs.markBot(dialog));
      change(id, dialog -> dialogs.markWaiting(dialog, DialogState.QUEUED, NOW.plusSeconds(5)));
      change(id, dialog -> dialogs.markRequeued(dialog, "sales"));
      change(id, dialog -> dialogs.markTakenOver(dialog, "bob", NOW.plusSeconds(6)));
      change(id, dialog -> dialogs.markClosed(dialog, NOW.plusSeconds(7)));
    });

    // then the changes were real ones, and the committed row is the last one held
    Dialog closed = dialogs.findById(id).orElseThrow();
    assertThat(closed.state()).isEqualTo(DialogState.CLOSED);
    assertThat(closed.operatorId()).isEqualTo("bob");
    assertThat(Duration.between(closed.createdAt(), closed.closedAt())).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void shouldReadTheRowOfADialogItDoesNotHold() {
    // given a dialog committed by another transaction
    String id = UUID.randomUUID().toString();
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    transaction.executeWithoutResult(status -> dialogs.insert(id, "telegram", "client-1", "support_chat", NOW));

    // when a later transaction changes it without locking it here first (as nothing in the application does)
    transaction.executeWithoutResult(status ->
        jdbc.sql("UPDATE oc_dialog SET connect_result = 'error' WHERE id = ?").param(id).update());

    // then a look at it reads it from the database
    ConnectResult seen = transaction.execute(status -> dialogs.findById(id).orElseThrow().connectResult());
    ConnectResult locked = transaction.execute(status -> dialogs.lock(id).orElseThrow().connectResult());
    assertThat(seen).isEqualTo(ConnectResult.ERROR);
    assertThat(locked).isEqualTo(ConnectResult.ERROR);
  }

  /** Applies one change to the dialog as held, and checks the row held afterwards against the database. */
  private void change(String id, Consumer<Dialog> change) {
    Dialog before = dialogs.lock(id).orElseThrow();
    change.accept(before);
    assertThat(dialogs.lock(id).orElseThrow()).as("held after the change").isNotEqualTo(before);
    assertHeldAsStored(id);
  }

  private void assertHeldAsStored(String id) {
    Dialog stored = jdbc.sql("SELECT * FROM oc_dialog WHERE id = ?").param(id).query(DialogRepository::row).single();
    assertThat(dialogs.lock(id)).contains(stored);
    assertThat(dialogs.findById(id)).contains(stored);
  }
}
