package io.operatorconnect.dialog;

import io.operatorconnect.channel.ClientEventType;
import io.operatorconnect.channel.ClientMessenger;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What happens to a dialog, told to its client's channel as events (DESIGN.md, "Channels"): an operator has
 * it ({@code assigned}), another operator has it ({@code transferred}), it waits in the queue ({@code queued}),
 * the bot has it again ({@code returned_to_bot}), it is over ({@code closed}). Synchronous listeners: the
 * outbox is written in the transaction of the change, or not at all.
 */
@Component
class ClientEvents {

  private final DialogRepository dialogs;
  private final ClientMessenger messenger;

  ClientEvents(DialogRepository dialogs, ClientMessenger messenger) {
    this.dialogs = dialogs;
    this.messenger = messenger;
  }

  @EventListener
  void assigned(DialogAssigned assigned) {
    dialogs.findById(assigned.dialogId()).ifPresent(dialog -> {
      boolean handedOn = assigned.via() == DialogAssigned.Via.TRANSFER
          || assigned.via() == DialogAssigned.Via.REDISTRIBUTION;
      messenger.event(dialog.id(), dialog.channel(), dialog.clientId(),
          handedOn ? ClientEventType.TRANSFERRED : ClientEventType.ASSIGNED, assigned.operatorId(),
          assigned.operatorName());
    });
  }

  @EventListener
  void changed(DialogChanged changed) {
    ClientEventType type = switch (changed.to()) {
      case QUEUED -> changed.from() == DialogState.QUEUED ? null : ClientEventType.QUEUED;
      case BOT -> ClientEventType.RETURNED_TO_BOT;
      case CLOSED -> ClientEventType.CLOSED;
      default -> null; // an operator has it: DialogAssigned tells; REQUESTED: nobody is on the way yet
    };
    if (type != null) {
      dialogs.findById(changed.dialogId()).ifPresent(dialog ->
          messenger.event(dialog.id(), dialog.channel(), dialog.clientId(), type, null, null));
    }
  }
}
