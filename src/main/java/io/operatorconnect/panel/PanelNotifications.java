package io.operatorconnect.panel;

import io.operatorconnect.channel.MessageAppended;
import io.operatorconnect.dialog.DialogAssigned;
import io.operatorconnect.dialog.DialogBackWithLastOperator;
import io.operatorconnect.dialog.DialogChanged;
import io.operatorconnect.settings.PanelSettingsChanged;
import io.operatorconnect.dialog.DialogRepository;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.operator.OperatorChanged;
import io.operatorconnect.panel.PanelEvents.Event;
import io.operatorconnect.security.Role;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the open panels what changed, once the change has committed: an operator about their own
 * dialogs, every operator about the dialogs waiting to be taken, administrators about every operator's
 * load and status and every dialog's state and lines (the live work view), everybody about the
 * settings. The events say only what changed; the page reads the
 * rest through the API, so an event never shows anyone more than the API would.
 */
@Component
class PanelNotifications {

  private final PanelEvents events;
  private final DialogRepository dialogs;

  PanelNotifications(PanelEvents events, DialogRepository dialogs) {
    this.events = events;
    this.dialogs = dialogs;
  }

  record AboutDialog(String dialogId, String state) {
  }

  record AboutMessage(String dialogId, long messageId, String from) {
  }

  record AboutOperator(String operatorId) {
  }

  @TransactionalEventListener(fallbackExecution = true)
  void assigned(DialogAssigned assigned) {
    events.toUser(assigned.operatorId(), new Event("assigned",
        new AboutDialog(assigned.dialogId(), DialogState.TAKEN_OVER.name())));
  }

  /** The operator who gave a dialog back has it again: nobody else could take it, and their page says so. */
  @TransactionalEventListener(fallbackExecution = true)
  void backWithLastOperator(DialogBackWithLastOperator back) {
    events.toUser(back.operatorId(), new Event("back", new AboutDialog(back.dialogId(),
        DialogState.TAKEN_OVER.name())));
  }

  @TransactionalEventListener(fallbackExecution = true)
  void changed(DialogChanged changed) {
    AboutDialog about = new AboutDialog(changed.dialogId(), changed.to().name());
    if (changed.leftOperator()) {
      events.toUser(changed.fromOperator(), new Event("left", about));
      events.toRole(Role.ADMIN, new Event("operators", new AboutOperator(changed.fromOperator())));
    }
    if (changed.toOperator() != null && !changed.toOperator().equals(changed.fromOperator())) {
      events.toRole(Role.ADMIN, new Event("operators", new AboutOperator(changed.toOperator())));
    }
    if (changed.waitingChanged()) {
      events.toRole(Role.OPERATOR, new Event("waiting", about));
    }
    // the supervisor's live view: queues, requests and who holds what
    events.toRole(Role.ADMIN, new Event("work", about));
  }

  /** A line in a dialog an operator has: that operator's page shows it (the client's words, the bot's, their own from another tab). */
  @TransactionalEventListener(fallbackExecution = true)
  void message(MessageAppended appended) {
    if (!events.anyOpen()) {
      return;
    }
    dialogs.findById(appended.dialogId())
        .filter(dialog -> dialog.state() == DialogState.TAKEN_OVER && dialog.operatorId() != null)
        .ifPresent(dialog -> {
          AboutMessage about = new AboutMessage(dialog.id(), appended.messageId(), appended.from().name());
          events.toUser(dialog.operatorId(), new Event("message", about));
          // the supervisor's live view: who waits for an answer, and the latest line
          events.toRole(Role.ADMIN, new Event("work", about));
        });
  }

  @TransactionalEventListener(fallbackExecution = true)
  void operatorChanged(OperatorChanged changed) {
    events.toRole(Role.ADMIN, new Event("operators", new AboutOperator(changed.operatorId())));
  }

  /** Everybody: auto-connect shows or hides the In Queue folder of every operator. */
  @TransactionalEventListener(fallbackExecution = true)
  void settingsChanged(PanelSettingsChanged changed) {
    events.toEveryone(new Event("settings", changed.settings()));
  }
}
