package io.operatorconnect.channel;

import io.micrometer.core.instrument.Counter;
import io.operatorconnect.system.DialogMdc;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one claimed chain (a dialog's deliveries in order) on a sender thread: a try each, to the channel's webhook
 * as it is now; a failure is recorded at once (tried again after its back-off, or {@code FAILED}), and what the
 * webhook took is handed back, for {@link TakenDeliveries} to record with other chains'. {@link OutboxDispatcher}
 * decides which chains go and when.
 */
final class ChainDelivery {

  private static final Logger log = LoggerFactory.getLogger(ChainDelivery.class);
  private final Outbox outbox;
  private final Webhooks webhooks;
  private final WebhookSender sender;
  private final ChannelProperties properties;
  private final Clock clock;
  private final Counter attempts;
  private final BooleanSupplier stopping;

  ChainDelivery(Outbox outbox, Webhooks webhooks, WebhookSender sender, ChannelProperties properties, Clock clock,
      Counter attempts, BooleanSupplier stopping) {
    this.outbox = outbox;
    this.webhooks = webhooks;
    this.sender = sender;
    this.properties = properties;
    this.clock = clock;
    this.attempts = attempts;
    this.stopping = stopping;
  }

  /**
   * Sends the chain in order and returns what the webhook took, to be recorded together with other chains'; after a
   * failure, or when the node stops, the rest is given back untried.
   */
  List<TakenDeliveries.Taken> send(List<Outbox.Claimed> chain) {
    List<TakenDeliveries.Taken> took = new ArrayList<>(chain.size());
    int tried = 0;
    try {
      while (tried < chain.size() && !stopping.getAsBoolean()) {
        TakenDeliveries.Taken one = deliver(chain.get(tried));
        tried++;
        if (one == null) {
          break;
        }
        took.add(one);
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
    return took;
  }

  /** One try: what the webhook took, or null when the try failed (recorded at once). */
  private TakenDeliveries.Taken deliver(Outbox.Claimed claimed) {
    OutboxItem item = claimed.item();
    try (var ignored = DialogMdc.put(item.dialogId())) {
      var webhook = webhooks.of(item.channel()).orElse(null);
      if (webhook == null) {
        // the webhook was removed since the claim: the delivery stays pending for a new one
        outbox.failed(claimed, null, "the channel has no webhook", clock.instant().plus(properties.pollInterval()));
        return null;
      }
      attempts.increment();
      WebhookSender.Outcome outcome = sender.send(webhook, item);
      Instant now = clock.instant();
      if (outcome.delivered()) {
        log.debug("outbox: {} {} delivered to {}", item.type().value(), item.id(), webhook);
        return new TakenDeliveries.Taken(claimed, outcome.status(), now);
      }
      int tries = claimed.tries();
      Instant next = now.plus(properties.backOff(tries));
      if (!outbox.failed(claimed, outcome.status(), outcome.error(), next)) {
        // the claim ran out during the try (a webhook slower than the claim allowed for): another look has it
        log.warn("outbox: the claim on delivery {} ran out during its try; it is sent again, with the same id",
            item.id());
        return null;
      }
      log.info("outbox: {} {} to {} failed (try {}): {}; next try at {} unless past its give-up time",
          item.type().value(), item.id(), webhook, tries, outcome.error(), next);
      return null;
    } catch (RuntimeException e) {
      log.error("outbox: delivery {} could not be recorded; its claim expires and it is sent again", item.id(), e);
      return null;
    }
  }
}
