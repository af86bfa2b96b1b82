package io.operatorconnect.testsupport;

import io.operatorconnect.dialog.DialogAssigned;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes the transaction that assigns a chosen dialog fail at commit, after the reservation and the
 * {@code operator_connected} correlation ran: what another node changing the same scenario at that
 * moment does (optimistic locking). Off unless a test arms it.
 */
@TestComponent
public class CommitFaults {

  private final Map<String, AtomicInteger> armed = new ConcurrentHashMap<>();
  private final AtomicInteger injected = new AtomicInteger();

  /** The next {@code times} transactions that assign the dialog fail at commit. */
  public void failAssignmentCommits(String dialogId, int times) {
    armed.put(dialogId, new AtomicInteger(times));
  }

  /** How many commits were made to fail so far. */
  public int injected() {
    return injected.get();
  }

  @EventListener
  void onAssigned(DialogAssigned assigned) {
    AtomicInteger left = armed.get(assigned.dialogId());
    if (left == null || left.getAndDecrement() <= 0) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void beforeCommit(boolean readOnly) {
        injected.incrementAndGet();
        throw new OptimisticLockingException("injected by the test: the scenario of dialog " + assigned.dialogId()
            + " was changed by another node");
      }
    });
  }

  void reset() {
    armed.clear();
    injected.set(0);
  }
}
