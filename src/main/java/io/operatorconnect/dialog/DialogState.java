package io.operatorconnect.dialog;

/** Who has the dialog: the bot, nobody yet (waiting), an operator, or nobody any more. */
public enum DialogState {
  /** The bot scenario talks to the client. */
  BOT,
  /** Waiting for an operator to accept it by hand. */
  REQUESTED,
  /** Waiting in the queue for the dispatcher. */
  QUEUED,
  /** An operator has it. */
  TAKEN_OVER,
  /** Over. */
  CLOSED;

  public boolean waiting() {
    return this == REQUESTED || this == QUEUED;
  }
}
