package io.operatorconnect.dialog;

import static io.operatorconnect.dialog.DialogState.BOT;
import static io.operatorconnect.dialog.DialogState.CLOSED;
import static io.operatorconnect.dialog.DialogState.QUEUED;
import static io.operatorconnect.dialog.DialogState.REQUESTED;
import static io.operatorconnect.dialog.DialogState.TAKEN_OVER;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every change of a dialog's state, from which states it may start and in which it ends: the one table
 * that decides. {@link DialogRepository} checks it before writing a change, so a change the table refuses
 * never reaches the row, whoever asks for it; the features check it first to refuse a person's request
 * with a message ({@link #allows}).
 */
public enum DialogTransition {

  /** The dialog waits for an operator: by hand (REQUESTED) or in the queue (QUEUED); a waiting one keeps its place. */
  WAIT(EnumSet.of(BOT, REQUESTED, QUEUED), EnumSet.of(REQUESTED, QUEUED)),
  /** An operator gets the dialog and its scenario goes on to the operator's task. */
  TAKE_OVER(EnumSet.of(BOT, REQUESTED, QUEUED), EnumSet.of(TAKEN_OVER)),
  /** An operator gets the dialog's existing task: from another operator, or back from the queue. */
  HAND_OVER(EnumSet.of(REQUESTED, QUEUED, TAKEN_OVER), EnumSet.of(TAKEN_OVER)),
  /** The dialog goes (back) to the queue, its task unassigned; a queued one may change its subject. */
  REQUEUE(EnumSet.of(QUEUED, TAKEN_OVER), EnumSet.of(QUEUED)),
  /** The bot has the dialog again. */
  BACK_TO_BOT(EnumSet.of(REQUESTED, QUEUED, TAKEN_OVER), EnumSet.of(BOT)),
  /** The dialog is over. */
  CLOSE(EnumSet.of(BOT, REQUESTED, QUEUED, TAKEN_OVER), EnumSet.of(CLOSED));

  private final Set<DialogState> from;
  private final Set<DialogState> to;

  DialogTransition(Set<DialogState> from, Set<DialogState> to) {
    this.from = from;
    this.to = to;
  }

  /** Whether a dialog in state {@code from} may make this change and end in {@code to}. */
  public boolean allows(DialogState from, DialogState to) {
    return this.from.contains(from) && this.to.contains(to);
  }

  /** Refuses a change the table does not allow: a defect of the caller, never a person's mistake. */
  void require(Dialog dialog, DialogState to) {
    if (!allows(dialog.state(), to)) {
      throw new IllegalStateException("dialog " + dialog.id() + " cannot " + name() + " from " + dialog.state()
          + " to " + to + "; " + name() + " goes from " + from + " to " + to());
    }
  }

  private Set<DialogState> to() {
    return to;
  }
}
