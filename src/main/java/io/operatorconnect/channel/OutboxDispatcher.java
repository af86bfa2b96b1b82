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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox on every node: right after a commit that wrote to it, and on a poll for what is due
 * (retries, and what another node left when it died). A look claims the due deliveries in a short
 * transaction of its own, until the timeout and a margin have passed, and sends them on a few threads; each
 * outcome is written in another. A node killed while sending leaves its claims to expire: the delivery is
 * sent again, with the same id. At most one delivery of a dialog is due at a time, so each dialog's go in
 * order.
 */
@Component
class OutboxDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  /** Added to the timeout: a claim outlives the try it covers, whatever the clocks of two nodes say. */
  private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

  private final Outbox outbox;
  private final Webhooks webhooks;
  private final WebhookSender sender;
  private final ChannelProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final CoalescingWorker looker = new CoalescingWorker("outbox-dispatcher", this::look);
  private final ExecutorService senders;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Timer latency;
  private final Counter attempts;

  OutboxDispatcher(Outbox outbox, Webhooks webhooks, WebhookSender sender, ChannelProperties properties,
      PlatformTransactionManager transactions, MeterRegistry registry, Clock clock) {
    this.outbox = outbox;
    this.webhooks = webhooks;
    this.sender = sender;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.senders = Executors.newFixedThreadPool(properties.senders(), CoalescingWorker.daemonThreads("outbox-sender"));
    this.latency = Timer.builder("operator_connect.outbox.delivery").publishPercentileHistogram()
        .description("From a delivery's commit to its webhook's 2xx answer").register(registry);
    this.attempts = Counter.builder("operator_connect.outbox.attempts")
        .description("Tries to deliver to a webhook, successful or not").register(registry);
  }

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

  /** Claims what is due, as much as the senders have room for, and hands it to them. */
  void look() {
    int room = properties.batchSize() - inFlight.get();
    if (room <= 0) {
      return;
    }
    Instant now = clock.instant();
    Instant until = now.plus(properties.timeout()).plus(CLAIM_MARGIN);
    List<Outbox.Claimed> claimed = transaction.execute(status -> outbox.claim(room, now, until));
    for (Outbox.Claimed claim : claimed) {
      inFlight.incrementAndGet();
      try {
        senders.execute(() -> {
          try {
            deliver(claim);
          } finally {
            inFlight.decrementAndGet();
          }
        });
      } catch (RejectedExecutionException shuttingDown) {
        inFlight.decrementAndGet();
        return; // the claim expires and another look, here or on another node, sends it
      }
    }
  }

  private void deliver(Outbox.Claimed claimed) {
    OutboxItem item = claimed.item();
    try (var ignored = DialogMdc.put(item.dialogId())) {
      var webhook = webhooks.of(item.channel()).orElse(null);
      if (webhook == null) {
        // the webhook was removed since the claim: the delivery stays pending for a new one
        transaction.executeWithoutResult(status -> outbox.failed(item.id(), null, "the channel has no webhook",
            clock.instant().plus(properties.pollInterval())));
        return;
      }
      attempts.increment();
      WebhookSender.Outcome outcome = sender.send(webhook, item);
      Instant now = clock.instant();
      if (outcome.delivered()) {
        transaction.executeWithoutResult(status -> outbox.delivered(item.id(), outcome.status(), now));
        latency.record(Duration.between(item.at(), now));
        log.debug("outbox: {} {} delivered to {}", item.type().value(), item.id(), webhook);
        requestLook(); // the dialog's next delivery is due now
      } else {
        int tries = claimed.tries();
        Instant next = now.plus(properties.backOff(tries));
        transaction.executeWithoutResult(status -> outbox.failed(item.id(), outcome.status(), outcome.error(), next));
        log.info("outbox: {} {} to {} failed (try {}): {}; next try at {} unless past its give-up time",
            item.type().value(), item.id(), webhook, tries, outcome.error(), next);
      }
    } catch (RuntimeException e) {
      log.error("outbox: delivery {} could not be recorded; its claim expires and it is sent again", item.id(), e);
    }
  }

  /**
   * Claims no more, and lets the tries under way finish and be recorded (within the timeout), so that a
   * stopped node leaves no claim behind for the others to wait out. A killed node's claims expire.
   */
  @PreDestroy
  void stop() throws InterruptedException {
    looker.close();
    senders.shutdown();
    if (!senders.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
      senders.shutdownNow();
    }
  }
}
