package io.operatorconnect.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.operatorconnect.system.CoalescingWorker;
import io.operatorconnect.system.DialogMdc;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox on every node: right after a commit that wrote to it, and on a poll for what is due
 * (retries, and what another node left when it died). A look claims, in a short transaction of its own, as
 * many dialogs' due deliveries as there are free senders, for as long as their tries may take and a margin;
 * each sender sends one dialog's in order, and writes each outcome (one statement, committed on its own) if the
 * claim is still its own. A node killed while sending leaves its claims to expire: the delivery is
 * sent again, with the same id. At most one delivery of a dialog is due at a time, so each dialog's go in
 * order.
 */
@Component
class OutboxDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  private final Outbox outbox;
  private final Webhooks webhooks;
  private final WebhookSender sender;
  private final ChannelProperties properties;
  private final TransactionTemplate transaction;
  private final TransactionTemplate outsideWriter;
  private final Clock clock;
  private final CoalescingWorker looker = new CoalescingWorker("outbox-dispatcher", this::look);
  private final ExecutorService senders;
  private final SendingDialogs sending;
  private volatile boolean stopping;
  private final Timer latency;
  private final Counter attempts;

  OutboxDispatcher(Outbox outbox, Webhooks webhooks, WebhookSender sender, ChannelProperties properties,
      PlatformTransactionManager transactions, MeterRegistry registry, Clock clock) {
    this.outbox = outbox;
    this.webhooks = webhooks;
    this.sender = sender;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.outsideWriter = new TransactionTemplate(transactions);
    // Outside the writer's transaction, which is over (its connection would take the statement into it), and with
    // none of its own: the claim is one statement, committed by itself.
    this.outsideWriter.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    this.clock = clock;
    this.senders = Executors.newFixedThreadPool(properties.senders(), CoalescingWorker.daemonThreads("outbox-sender"));
    this.sending = new SendingDialogs(properties.senders());
    this.latency = Timer.builder("operator_connect.outbox.delivery").publishPercentileHistogram()
        .description("From a delivery's commit to its webhook's 2xx answer").register(registry);
    this.attempts = Counter.builder("operator_connect.outbox.attempts")
        .description("Tries to deliver to a webhook, successful or not").register(registry);
  }

  /**
   * After a commit that wrote deliveries: each dialog's are claimed by id and handed to a free sender at once,
   * with no look. A dialog whose chain a sender of this node is sending gets them after that chain, which looks
   * when it ends; when no sender is free, the first to be free looks; when the claim by id fails (another
   * delivery of the dialog is pending, or a look was quicker), a look. A commit that wrote nothing (a webhook
   * set, a retry by hand) asks for a look.
   */
  @TransactionalEventListener(fallbackExecution = true)
  void onDue(DeliveriesDue due) {
    if (due.written().isEmpty()) {
      requestLook();
      return;
    }
    Map<String, List<OutboxItem>> byDialog = new LinkedHashMap<>();
    due.written().forEach(item -> byDialog.computeIfAbsent(item.dialogId(), id -> new ArrayList<>()).add(item));
    boolean look = false;
    for (Map.Entry<String, List<OutboxItem>> written : byDialog.entrySet()) {
      look |= !sendWritten(written.getKey(), written.getValue());
    }
    if (look) {
      requestLook();
    }
  }

  /** Whether the dialog's new deliveries are taken care of without a look. */
  private boolean sendWritten(String dialogId, List<OutboxItem> items) {
    if (items.stream().anyMatch(item -> item.operatorId() != null && item.operatorName() == null)) {
      return false; // an operator's line: the look reads the operator's name with it
    }
    if (stopping || sending.take(dialogId) != SendingDialogs.Take.TAKEN) {
      return true; // behind the dialog's chain, or for the first free sender: either looks when it is done
    }
    List<Outbox.Claimed> chain;
    try {
      chain = outsideWriter.execute(status -> outbox.claimWritten(items, clock.instant(), properties.timeout(),
          properties.claimMargin()));
    } catch (PessimisticLockingFailureException busy) {
      // the rows were locked the other way round by a look or a step of the same dialog (H2 calls it a
      // deadlock and rolls this claim back): the look sends them
      log.debug("outbox: new deliveries of dialog {} not claimed at once: {}", dialogId, busy.getMessage());
      chain = List.of();
    } catch (RuntimeException e) {
      log.warn("outbox: new deliveries of dialog {} not claimed at once ({}); a look sends them", dialogId,
          e.toString());
      chain = List.of();
    }
    if (chain.isEmpty()) {
      sending.release(dialogId);
      return false;
    }
    return submit(dialogId, chain);
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
        try {
          deliver(chain);
        } finally {
          if (sending.release(dialogId)) {
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

  /** Sends a dialog's chain in order; after a failure, or when the node stops, the rest is given back untried. */
  private void deliver(List<Outbox.Claimed> chain) {
    int tried = 0;
    try {
      while (tried < chain.size() && !stopping) {
        boolean delivered = deliver(chain.get(tried));
        tried++;
        if (!delivered) {
          break;
        }
      }
    } finally {
      List<Outbox.Claimed> rest = chain.subList(tried, chain.size());
      if (!rest.isEmpty()) {
        try {
          outbox.release(rest);
        } catch (RuntimeException e) {
          log.warn("outbox: {} claimed deliveries not given back ({}); their claims expire", rest.size(), e.toString());
        }
      }
    }
  }

  /** One try; true when the webhook took it and its outcome is recorded. */
  private boolean deliver(Outbox.Claimed claimed) {
    OutboxItem item = claimed.item();
    try (var ignored = DialogMdc.put(item.dialogId())) {
      var webhook = webhooks.of(item.channel()).orElse(null);
      if (webhook == null) {
        // the webhook was removed since the claim: the delivery stays pending for a new one
        outbox.failed(claimed, null, "the channel has no webhook", clock.instant().plus(properties.pollInterval()));
        return false;
      }
      attempts.increment();
      WebhookSender.Outcome outcome = sender.send(webhook, item);
      Instant now = clock.instant();
      if (outcome.delivered()) {
        if (!outbox.delivered(claimed, outcome.status(), now)) {
          return claimLost(item);
        }
        latency.record(Duration.between(item.at(), now));
        log.debug("outbox: {} {} delivered to {}", item.type().value(), item.id(), webhook);
        return true;
      }
      int tries = claimed.tries();
      Instant next = now.plus(properties.backOff(tries));
      if (!outbox.failed(claimed, outcome.status(), outcome.error(), next)) {
        return claimLost(item);
      }
      log.info("outbox: {} {} to {} failed (try {}): {}; next try at {} unless past its give-up time",
          item.type().value(), item.id(), webhook, tries, outcome.error(), next);
      return false;
    } catch (RuntimeException e) {
      log.error("outbox: delivery {} could not be recorded; its claim expires and it is sent again", item.id(), e);
      return false;
    }
  }

  /** The claim ran out during the try (a webhook slower than the claim allowed for): another look has it now. */
  private boolean claimLost(OutboxItem item) {
    log.warn("outbox: the claim on delivery {} ran out during its try; it is sent again, with the same id",
        item.id());
    return false;
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
