package io.operatorconnect.channel;

import io.operatorconnect.system.DialogMdc;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
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
 */
@Component
public class ClientMessenger {

  private final Transcript transcript;
  private final ClientGateway gateway;
  private final Webhooks webhooks;
  private final Outbox outbox;
  private final ChannelProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ClientMessenger(Transcript transcript, ClientGateway gateway, Webhooks webhooks, Outbox outbox,
      ChannelProperties properties, ApplicationEventPublisher events, Clock clock) {
    this.transcript = transcript;
    this.gateway = gateway;
    this.webhooks = webhooks;
    this.outbox = outbox;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
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
    toOutbox(new OutboxItem(UUID.randomUUID().toString(), dialogId, channel, clientId, ClientEventType.MESSAGE, from,
        text, operatorId, null, line.at()));
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
    toOutbox(new OutboxItem(UUID.randomUUID().toString(), dialogId, channel, clientId, type, null, null, operatorId,
        operatorName, clock.instant()));
  }

  private void toOutbox(OutboxItem item) {
    if (webhooks.of(item.channel()).isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    outbox.add(item, now.plus(properties.giveUpAfter()));
    events.publishEvent(new DeliveriesDue(item.channel()));
  }

  /** After the commit, the caller's logging context is gone: the gateway's lines get the dialog's id here. */
  private void deliver(String channel, String clientId, String dialogId, String text) {
    try (var ignored = DialogMdc.put(dialogId)) {
      gateway.deliver(channel, clientId, dialogId, text);
    }
  }
}
