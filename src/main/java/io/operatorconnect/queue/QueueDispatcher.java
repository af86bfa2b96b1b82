package io.operatorconnect.queue;

import io.operatorconnect.dialog.Dialog;
import io.operatorconnect.dialog.DialogQueued;
import io.operatorconnect.settings.PanelSettings;
import io.operatorconnect.settings.PanelSettingsRepository;
import io.operatorconnect.operator.OperatorCameOnline;
import io.operatorconnect.queue.QueueServing.ScenarioNotWaiting;
import io.operatorconnect.queue.QueueServing.ServeResult;
import io.operatorconnect.operator.OperatorLimitsChanged;
import io.operatorconnect.operator.SlotFreed;
import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.settings.PanelSettingsChanged;
import io.operatorconnect.system.CoalescingWorker;
import io.operatorconnect.system.DialogMdc;
import jakarta.annotation.PreDestroy;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Serves the waiting queue: oldest first within each priority, the moment a slot frees, after the
 * freeing transaction has committed, and on a periodic sweep for whatever a crash left behind.
 * Each dialog is served in its own transaction; the database, not this class, keeps two nodes from
 * serving one dialog twice or over-filling an operator.
 */
@Component
public class QueueDispatcher {

  private static final Logger log = LoggerFactory.getLogger(QueueDispatcher.class);
  private static final int SERVE_ATTEMPTS = 3;

  private final QueueRepository queue;
  private final QueueServing serving;
  private final PanelSettingsRepository settings;
  private final TransactionTemplate transaction;
  private final QueueProperties properties;
  private final CoalescingWorker worker = new CoalescingWorker("queue-dispatcher", this::drain);

  QueueDispatcher(QueueRepository queue, QueueServing serving, PanelSettingsRepository settings,
      PlatformTransactionManager transactions, QueueProperties properties) {
    this.queue = queue;
    this.serving = serving;
    this.settings = settings;
    this.transaction = new TransactionTemplate(transactions);
    this.properties = properties;
  }

  // The facts that may let the queue move on. Each runs after the publishing transaction has committed
  // (at once when there was none), so the drain sees what it changed.

  @TransactionalEventListener(fallbackExecution = true)
  void onSlotFreed(SlotFreed fact) {
    log.debug("drain: operator {} freed a slot ({})", fact.operatorId(), fact.cause());
    requestDrain();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onOperatorCameOnline(OperatorCameOnline fact) {
    log.debug("drain: operator {} is {}", fact.operatorId(), fact.status());
    requestDrain();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onOperatorLimitsChanged(OperatorLimitsChanged fact) {
    log.debug("drain: operator {} changed", fact.operatorId());
    requestDrain();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onDialogQueued(DialogQueued fact) {
    log.debug("drain: dialog {} {}", fact.dialogId(), fact.cause());
    requestDrain();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onSettingsChanged(PanelSettingsChanged fact) {
    if (fact.settings().autoConnect()) {
      log.debug("drain: auto-connect is on");
      requestDrain();
    }
  }

  @Scheduled(initialDelayString = "${operator-connect.queue.sweep-interval:10s}",
      fixedDelayString = "${operator-connect.queue.sweep-interval:10s}")
  void sweep() {
    requestDrain();
  }

  /** Asks for a drain on the dispatcher thread; requests that arrive before it starts are merged into it. */
  public void requestDrain() {
    worker.request();
  }

  /**
   * Serves every queued dialog an operator may take now, in serving order, and returns how many.
   * The queue is read afresh before every attempt, so a dialog queued on another node meanwhile gets
   * its place. A dialog that cannot be served blocks the later ones with the same routing needs for
   * the rest of this drain, so they never overtake it; a slot freed meanwhile asks for another drain.
   */
  public int drain() {
    int served = 0;
    Set<List<Object>> blocked = new HashSet<>();
    Set<String> passedOver = new HashSet<>();
    for (PanelSettings panel = settings.get(); panel.autoConnect(); panel = settings.get()) {
      Dialog next = nextToServe(blocked, passedOver);
      if (next == null) {
        break;
      }
      ServeResult result = serve(next, panel.distributionMethod());
      if (result == ServeResult.SERVED) {
        served++;
      } else if (result == ServeResult.NO_OPERATOR) {
        blocked.add(needs(next));
      } else {
        passedOver.add(next.id());
      }
    }
    if (served > 0) {
      log.info("queue drain served {} dialog(s)", served);
    }
    return served;
  }

  /** The first queued dialog in serving order that is neither blocked nor passed over, reading page by page. */
  private Dialog nextToServe(Set<List<Object>> blocked, Set<String> passedOver) {
    int pageSize = properties.pageSize();
    List<Dialog> page = queue.queued(pageSize);
    while (!page.isEmpty()) {
      for (Dialog dialog : page) {
        if (!blocked.contains(needs(dialog)) && !passedOver.contains(dialog.id())) {
          return dialog;
        }
      }
      if (page.size() < pageSize) {
        return null;
      }
      page = queue.queuedAfter(page.get(page.size() - 1), pageSize);
    }
    return null;
  }

  /** What an operator must offer to take the dialog: dialogs with the same needs are served strictly in order. */
  private static List<Object> needs(Dialog dialog) {
    return Arrays.asList(dialog.subject(), dialog.channel(), dialog.requestedOperatorId(), dialog.onlyOnline());
  }

  /**
   * Serves one dialog in its own transaction. A failure rolls everything back (typically the
   * scenario moved at the same moment on another thread or node: optimistic locking), so trying
   * again at once is safe; after that the next drain or the sweep tries again.
   */
  private ServeResult serve(Dialog dialog, DistributionMethod fallback) {
    try (var ignored = DialogMdc.put(dialog.id())) {
      return serveWithRetries(dialog, fallback);
    }
  }

  private ServeResult serveWithRetries(Dialog dialog, DistributionMethod fallback) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> serving.serveQueued(dialog.id(), fallback));
      } catch (ScenarioNotWaiting e) {
        log.warn("{}; serving it was rolled back, and it stays in the queue", e.getMessage());
        return ServeResult.NOT_WAITING;
      } catch (RuntimeException e) {
        if (attempt >= SERVE_ATTEMPTS) {
          log.warn("dialog {}: serving from the queue failed {} times, left for the next drain: {}", dialog.id(),
              attempt, e.toString());
          return ServeResult.NOT_WAITING;
        }
        log.debug("dialog {}: serving from the queue failed, trying again: {}", dialog.id(), e.toString());
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  void stop() {
    worker.close();
  }
}
