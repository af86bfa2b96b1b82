package io.operatorconnect.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.operatorconnect.system.CoalescingWorker;
import io.operatorconnect.system.Times;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox on every node: right after a commit that wrote to it (claimed as they were written, see
 * {@link #write}), and on a poll for what is due (retries, and what another node left when it died). A look
 * claims, in a short transaction of its own, as many dialogs' due deliveries as there are free senders, for as
 * long as their tries may take and a margin; each sender sends one dialog's in order ({@link ChainDelivery}) and
 * records what the webhook took together with other senders' ({@link TakenDeliveries}), if the claims are still
 * this node's. A node killed while sending leaves its claims to
 * expire: the deliveries are sent again, with the same ids. At most one delivery of a dialog is due at a time,
 * so each dialog's go in order.
 */
@Component
class OutboxDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  private final Outbox outbox;
  private final ChannelProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final CoalescingWorker looker = new CoalescingWorker("outbox-dispatcher", this::look);
  private final ExecutorService senders;
  private final SendingDialogs sending;
  private final TakenDeliveries taken;
  private final ChainDelivery chains;
  private volatile boolean stopping;

  OutboxDispatcher(Outbox outbox, Webhooks webhooks, WebhookSender sender, ChannelProperties properties,
      PlatformTransactionManager transactions, MeterRegistry registry, Clock clock) {
    this.outbox = outbox;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.senders = Executors.newFixedThreadPool(properties.senders(), CoalescingWorker.daemonThreads("outbox-sender"));
    this.sending = new SendingDialogs(properties.senders());
    Timer latency = Timer.builder("operator_connect.outbox.delivery").publishPercentileHistogram()
        .description("From a delivery's commit to its webhook's 2xx answer").register(registry);
    this.taken = new TakenDeliveries(outbox, clock, latency, sending, this::requestLook);
    Counter attempts = Counter.builder("operator_connect.outbox.attempts")
        .description("Tries to deliver to a webhook, successful or not").register(registry);
    this.chains = new ChainDelivery(outbox, webhooks, sender, properties, clock, attempts, () -> stopping);
  }

  /**
   * What a transaction's new deliveries came to when they were written: the chains this node claimed for their
   * first try as it wrote them, each with a sender of its own taken, and whether the rest calls for a look.
   */
  record Written(List<List<Outbox.Claimed>> chains, boolean look) {
  }

  /**
   * Writes a transaction's new deliveries, just before it commits, in one statement. A dialog's are claimed for
   * their first try as they are written, with no statement of their own, when a sender of this node is free for
   * them and the dialog has no delivery still pending (they wait for that one); so once the transaction commits
   * they go at once ({@link #written}), and no look on any node can take them. The rest is written unclaimed,
   * for a look. The step holds the dialog's row ({@link ClientMessenger}), so no other step of the dialog, on
   * any node, writes deliveries between the look for pending ones and the commit.
   */
  Written write(List<Outbox.New> deliveries, Set<String> startingDialogs) {
    Map<String, List<Outbox.New>> byDialog = new LinkedHashMap<>();
    deliveries.forEach(delivery -> byDialog.computeIfAbsent(delivery.item().dialogId(), id -> new ArrayList<>())
        .add(delivery));
    Instant now = clock.instant();
    List<Outbox.New> rows = new ArrayList<>(deliveries.size());
    List<List<Outbox.Claimed>> chains = new ArrayList<>();
    boolean look = false;
    for (Map.Entry<String, List<Outbox.New>> dialog : byDialog.entrySet()) {
      List<Outbox.New> written = dialog.getValue();
      if (claimable(dialog.getKey(), written, startingDialogs.contains(dialog.getKey()))) {
        Instant claimedUntil = Times.stored(now.plus(properties.timeout().multipliedBy(written.size()))
            .plus(properties.claimMargin()));
        written.forEach(delivery -> rows.add(delivery.claimedUntil(claimedUntil)));
        chains.add(written.stream().map(delivery -> new Outbox.Claimed(delivery.item(), 1, claimedUntil)).toList());
      } else {
        rows.addAll(written);
        look = true;
      }
    }
    try {
      outbox.add(rows);
    } catch (RuntimeException e) {
      written(new Written(chains, false), false);
      throw e;
    }
    return new Written(chains, look);
  }

  /**
   * Whether the dialog's new deliveries can be claimed as they are written: a sender is free for them (taken
   * here, given back if they are not), and none of the dialog's is pending. An operator's line is left to a look,
   * which reads the operator's name with it. A dialog that starts in the step has none pending.
   */
  private boolean claimable(String dialogId, List<Outbox.New> written, boolean starting) {
    if (stopping || written.stream().anyMatch(delivery -> delivery.item().operatorId() != null
        && delivery.item().operatorName() == null)) {
      return false;
    }
    if (sending.take(dialogId) != SendingDialogs.Take.TAKEN) {
      return false; // behind the dialog's chain, or for the first free sender: either looks when it is done
    }
    boolean claimable = false;
    try {
      claimable = starting || !outbox.hasPending(dialogId);
      return claimable;
    } finally {
      if (!claimable) {
        sending.release(dialogId);
      }
    }
  }

  /**
   * After the transaction that wrote deliveries: once it committed, each chain claimed as it was written goes
   * to its sender; when it did not, their senders are free again (should the commit have happened unseen, the
   * claims expire and a look sends them).
   */
  void written(Written written, boolean committed) {
    boolean look = written.look();
    for (List<Outbox.Claimed> chain : written.chains()) {
      String dialogId = chain.get(0).item().dialogId();
      if (!committed) {
        look |= sending.release(dialogId);
      } else if (!submit(dialogId, chain)) {
        look = false; // the node stops
      }
    }
    if (look) {
      requestLook();
    }
  }

  /** After a commit that asks for a look: a webhook set, a failed one sent again, one written outside a transaction. */
  @TransactionalEventListener(fallbackExecution = true)
  void onDue(DeliveriesDue due) {
    requestLook();
  }

  @Scheduled(initialDelayString = "${operator-connect.channels.poll-interval:1s}",
      fixedDelayString = "${operator-connect.channels.poll-interval:1s}")
  void poll() {
    requestLook();
  }

  /** Asks for a look on the dispatcher thread; requests that arrive before it starts are merged into it. */
  void requestLook() {
    looker.request();
  }

  /**
   * Claims what is due, a chain per free sender (so that no claim waits in a queue while it runs out), and hands
   * each dialog's chain to one.
   */
  void look() {
    int free = sending.free();
    if (free <= 0 || stopping) {
      return;
    }
    Instant now = clock.instant();
    List<List<Outbox.Claimed>> chains;
    try {
      chains = transaction.execute(status -> outbox.claim(free, properties.batchSize(), now, properties.timeout(),
          properties.claimMargin()));
    } catch (ConcurrencyFailureException changed) {
      log.debug("outbox: {}; looking again", changed.getMessage());
      requestLook();
      return;
    }
    // Every sender took a chain: more may be due, and the first sender to be free looks again.
    sending.looked(chains.size(), free);
    for (List<Outbox.Claimed> chain : chains) {
      String dialogId = chain.get(0).item().dialogId();
      sending.takeClaimed(dialogId);
      if (!submit(dialogId, chain)) {
        return;
      }
    }
  }

  /** Hands a claimed chain, whose sender is taken, to a sender thread; false when the node is stopping. */
  private boolean submit(String dialogId, List<Outbox.Claimed> chain) {
    try {
      senders.execute(() -> {
        List<TakenDeliveries.Taken> took = List.of();
        try {
          took = chains.send(chain);
        } finally {
          boolean look = sending.sent();
          taken.ended(dialogId, took);
          if (look) {
            requestLook();
          }
        }
      });
      return true;
    } catch (RejectedExecutionException shuttingDown) {
      sending.release(dialogId);
      return false; // the claims expire and another look, here or on another node, sends them
    }
  }

  /**
   * Claims no more, and lets the tries under way finish and be recorded (within the timeout), so that a
   * stopped node leaves no claim behind for the others to wait out. A killed node's claims expire.
   */
  @PreDestroy
  void stop() throws InterruptedException {
    stopping = true;
    looker.close();
    senders.shutdown();
    if (!senders.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
      senders.shutdownNow();
    }
  }
}
