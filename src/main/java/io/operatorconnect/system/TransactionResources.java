package io.operatorconnect.system;

import java.util.function.Supplier;
import org.springframework.transaction.support.ResourceHolderSupport;
import org.springframework.transaction.support.ResourceHolderSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Things kept for the length of one transaction, bound to it as Spring binds its own resources. */
public final class TransactionResources {

  private TransactionResources() {
  }

  /**
   * The current transaction's holder of this type, made by {@code create} on first use; null outside a
   * transaction. Spring unbinds it when the transaction ends, and on suspend and resume, so a new
   * transaction inside this one gets a holder of its own.
   */
  public static <H extends ResourceHolderSupport> H holder(Class<H> type, Supplier<H> create) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    H holder = type.cast(TransactionSynchronizationManager.getResource(type));
    if (holder == null) {
      holder = create.get();
      TransactionSynchronizationManager.bindResource(type, holder);
      TransactionSynchronizationManager.registerSynchronization(new ResourceHolderSynchronization<>(holder, type) { });
    }
    return holder;
  }
}
