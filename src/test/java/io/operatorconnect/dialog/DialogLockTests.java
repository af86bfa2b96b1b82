package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link DialogRepository#lock}: one transaction locks a dialog once and then reads the row it holds,
 * and what it remembers ends with it: the next transaction on the same thread locks for real, so
 * another transaction waits for it.
 */
@OperatorConnectTest
class DialogLockTests {

  /** Long enough for the other thread to have got a lock that nobody held; short against the lock timeout. */
  private static final long BLOCKED_FOR_MILLIS = 500;

  @Autowired
  DialogRepository dialogs;
  @Autowired
  PlatformTransactionManager transactions;

  private final ExecutorService other = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopOtherThread() {
    other.shutdownNow();
  }

  @Test
  void shouldLockADialogAgainInTheNextTransactionOnTheSameThread() throws Exception {
    // given a dialog that this thread has locked in a transaction now committed
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    String id = newDialog(transaction);
    transaction.executeWithoutResult(status -> assertThat(dialogs.lock(id)).isPresent());

    // when this thread's next transaction locks it and holds it
    CompletableFuture<Void> otherLock = new CompletableFuture<>();
    transaction.executeWithoutResult(status -> {
      assertThat(dialogs.lock(id)).isPresent();
      otherLock.completeAsync(() -> {
        transaction.executeWithoutResult(inOther -> dialogs.lock(id));
        return null;
      }, other);
      // then another transaction waits for the lock while this one runs
      sleep();
      assertThat(otherLock).isNotDone();
    });

    // and gets it once this one has ended
    otherLock.get(10, TimeUnit.SECONDS);
  }

  private String newDialog(TransactionTemplate transaction) {
    String id = UUID.randomUUID().toString();
    transaction.executeWithoutResult(status ->
        dialogs.insert(id, "telegram", "client-1", "support_chat", Instant.now()));
    return id;
  }

  private static void sleep() {
    try {
      Thread.sleep(BLOCKED_FOR_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
