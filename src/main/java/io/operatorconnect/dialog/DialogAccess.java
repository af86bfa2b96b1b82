package io.operatorconnect.dialog;

import io.operatorconnect.channel.Sender;
import io.operatorconnect.security.Caller;
import io.operatorconnect.security.Role;
import io.operatorconnect.system.ForbiddenException;
import org.springframework.stereotype.Component;

/**
 * Who may see and act on one dialog: administrators on all; integrations (the bot or channel) on the
 * client's side of all; an operator on their own dialogs, and may read the waiting ones they could take and the
 * earlier dialogs of a client they are with now (the client's history beside the chat).
 */
@Component
class DialogAccess {

  private final DialogRepository dialogs;
  private final DialogSearch search;

  DialogAccess(DialogRepository dialogs, DialogSearch search) {
    this.dialogs = dialogs;
    this.search = search;
  }

  /** Reading the dialog and its transcript. */
  void requireRead(String dialogId) {
    Caller caller = Caller.current();
    if (caller.isAdmin() || caller.is(Role.INTEGRATION)) {
      return;
    }
    Dialog dialog = find(dialogId);
    boolean waiting = dialog.state() == DialogState.REQUESTED || dialog.state() == DialogState.QUEUED;
    if (!waiting && !caller.id().equals(dialog.operatorId())
        && !search.isWith(caller.id(), dialog.channel(), dialog.clientId())) {
      throw refused(caller, dialog, "read");
    }
  }

  /** Acting as the dialog's operator: answer, transfer, return, see its decisions. */
  void requireOperatorOf(String dialogId, String what) {
    Caller caller = Caller.current();
    if (caller.isAdmin()) {
      return;
    }
    Dialog dialog = find(dialogId);
    if (!caller.is(Role.OPERATOR) || !caller.id().equals(dialog.operatorId())) {
      throw refused(caller, dialog, what);
    }
  }

  /** Closing: the dialog's operator, or the integration when the client has left. */
  void requireClose(String dialogId) {
    if (!Caller.current().is(Role.INTEGRATION)) {
      requireOperatorOf(dialogId, "close");
    }
  }

  /** Posting as the client or the bot: the integration's part. */
  void requireClientSide(Sender from) {
    Caller caller = Caller.current();
    if (!caller.isAdmin() && !caller.is(Role.INTEGRATION)) {
      throw new ForbiddenException("'" + caller.id() + "' may not post as " + from.name().toLowerCase()
          + ": only the integration (the bot or channel) speaks for the client and the bot");
    }
  }

  private Dialog find(String dialogId) {
    return dialogs.findById(dialogId).orElseThrow(() -> DialogService.unknown(dialogId));
  }

  private static ForbiddenException refused(Caller caller, Dialog dialog, String what) {
    return new ForbiddenException("'" + caller.id() + "' may not " + what + " dialog '" + dialog.id() + "': "
        + (dialog.operatorId() == null ? "it has no operator" : "its operator is '" + dialog.operatorId() + "'")
        + "; an operator acts only on their own dialogs");
  }
}
