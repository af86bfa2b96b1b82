package io.operatorconnect.channel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a delivery to a channel tells its client (the webhook's {@code type}). */
public enum ClientEventType {
  /** A line of the bot, an operator or the system. */
  MESSAGE,
  /** An operator has the dialog. */
  ASSIGNED,
  /** The dialog waits in the queue. */
  QUEUED,
  /** Another operator has the dialog. */
  TRANSFERRED,
  /** The bot has the dialog again. */
  RETURNED_TO_BOT,
  /** The dialog is over. */
  CLOSED;

  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
