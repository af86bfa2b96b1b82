package io.operatorconnect.channel;

import io.operatorconnect.system.DialogMdc;
import io.operatorconnect.system.NewIds;
import io.operatorconnect.system.Times;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What is said to a dialog's client. A message is recorded in the transcript; it and every event for the
 * client (an operator joined, the dialog waits, ...) go to the outbox when the channel has a webhook, in the
 * caller's transaction, so a rolled-back step says nothing and a committed one is never lost
 * ({@link OutboxDispatcher} delivers after commit). Every message is also handed to the gateway (the log, by
 * default) once the transaction has committed.
 *
 * <p>The caller holds the dialog's row, locked, until its transaction ends (every change of a dialog does), so
 * that two steps of one dialog, on any node, write its deliveries one after the other: the dispatcher sends a
 * step's at once only when none written before is still pending.
 */
@Component
public class ClientMessenger {

  private final Transcript transcript;
  private final ClientGateway gateway;
  private final Webhooks webhooks;
  private final Outbox outbox;
  private final OutboxDispatcher dispatcher;
  private final ChannelProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ClientMessenger(Transcript transcript, ClientGateway gateway, Webhooks webhooks, Outbox outbox,
      OutboxDispatcher dispatcher, ChannelProperties properties, ApplicationEventPublisher events, Clock clock) {
    this.transcript = transcript;
    this.gateway = gateway;
    this.webhooks = webhooks;
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
  }

  /**
   * The dialog starts in the current transaction: none of its deliveries can be pending, so its first ones need
   * no look for earlier ones. Nothing to note when its channel has no webhook.
   */
  public void starts(String dialogId, String channel) {
    NewDeliveries pending = webhooks.of(channel).isEmpty() ? null : newDeliveries();
    if (pending != null) {
      pending.startingDialogs.add(dialogId);
    }
  }

  /**
   * Returns the transcript line, or null for a blank text: that sends nothing, so optional messages
   * need no check at the call site.
   */
  public TranscriptMessage send(String dialogId, String channel, String clientId, Sender from, String operatorId,
      String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    TranscriptMessage line = transcript.append(dialogId, from, operatorId, text);
    toOutbox(new OutboxItem(NewIds.next(), dialogId, channel, clientId, ClientEventType.MESSAGE, from,
        text, operatorId, null, Times.stored(line.at())));
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          deliver(channel, clientId, dialogId, text);
        }
      });
    } else {
      deliver(channel, clientId, dialogId, text);
    }
    return line;
  }

  /**
   * An event for the client (not a message): to the outbox when the channel has a webhook; to the web chat's
   * open pages, through {@link ClientEventRaised}.
   */
  public void event(String dialogId, String channel, String clientId, ClientEventType type, String operatorId,
      String operatorName) {
    events.publishEvent(new ClientEventRaised(dialogId, type));
    toOutbox(new OutboxItem(NewIds.next(), dialogId, channel, clientId, type, null, null, operatorId,
        operatorName, Times.stored(clock.instant())));
  }

  private void toOutbox(OutboxItem item) {
    if (webhooks.of(item.channel()).isEmpty()) {
      return;
    }
    Outbox.New delivery = new Outbox.New(item, clock.instant().plus(properties.giveUpAfter()), null);
    NewDeliveries pending = newDeliveries();
    if (pending != null) {
      pending.deliveries.add(delivery);
    } else {
      outbox.add(List.of(delivery));
      events.publishEvent(DeliveriesDue.onChannel(item.channel()));
    }
  }

  /** The current transaction's new deliveries; null outside a transaction. */
  private NewDeliveries newDeliveries() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    NewDeliveries pending = (NewDeliveries) TransactionSynchronizationManager.getResource(NewDeliveries.class);
    if (pending == null) {
      pending = new NewDeliveries(dispatcher);
      TransactionSynchronizationManager.bindResource(NewDeliveries.class, pending);
      TransactionSynchronizationManager.registerSynchronization(pending);
    }
    return pending;
  }

  /**
   * A transaction's new deliveries, written together just before it commits: one statement for all a step says
   * (a greeting, an assignment, an announcement), still in the transaction, so a rolled-back step writes none;
   * handed to the dispatcher's senders once it has committed.
   */
  private static final class NewDeliveries implements TransactionSynchronization {

    private final OutboxDispatcher dispatcher;
    private final List<Outbox.New> deliveries = new ArrayList<>();
    private final Set<String> startingDialogs = new HashSet<>();
    private OutboxDispatcher.Written written;

    private NewDeliveries(OutboxDispatcher dispatcher) {
      this.dispatcher = dispatcher;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      if (!deliveries.isEmpty()) {
        written = dispatcher.write(deliveries, startingDialogs);
      }
      deliveries.clear();
    }

    @Override
    public void suspend() {
      // a transaction of its own inside this one keeps its deliveries apart
      TransactionSynchronizationManager.unbindResource(NewDeliveries.class);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.bindResource(NewDeliveries.class, this);
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(NewDeliveries.class);
      if (written != null) {
        dispatcher.written(written, status == STATUS_COMMITTED);
      }
    }
  }

  /** After the commit, the caller's logging context is gone: the gateway's lines get the dialog's id here. */
  private void deliver(String channel, String clientId, String dialogId, String text) {
    try (var ignored = DialogMdc.put(dialogId)) {
      gateway.deliver(channel, clientId, dialogId, text);
    }
  }
}
