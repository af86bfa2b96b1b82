package io.operatorconnect.channel;

import io.operatorconnect.system.DialogMdc;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends a message to a dialog's client: records it in the transcript and hands it to the gateway
 * once the transaction has committed, so a rolled-back engine step never speaks to the client.
 */
@Component
public class ClientMessenger {

  private final Transcript transcript;
  private final ClientGateway gateway;

  ClientMessenger(Transcript transcript, ClientGateway gateway) {
    this.transcript = transcript;
    this.gateway = gateway;
  }

  /**
   * Returns the transcript line, or null for a blank text: that sends nothing, so optional messages
   * need no check at the call site.
   */
  public TranscriptMessage send(String dialogId, String channel, String clientId, Sender from, String operatorId, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    TranscriptMessage line = transcript.append(dialogId, from, operatorId, text);
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

  /** After the commit, the caller's logging context is gone: the gateway's lines get the dialog's id here. */
  private void deliver(String channel, String clientId, String dialogId, String text) {
    try (var ignored = DialogMdc.put(dialogId)) {
      gateway.deliver(channel, clientId, dialogId, text);
    }
  }
}
