package io.operatorconnect.channel;

import java.util.Collection;
import java.util.Map;

/**
 * What the web chat does to a dialog on its client's behalf; the {@code dialog} feature implements it (the chat
 * belongs to the channel, which sits below the dialogs).
 */
public interface ClientDialogs {

  /** Starts a dialog on the scenario for a new client of the channel; returns its id. */
  String start(String channel, String clientId, String scenario);

  /** The dialog as its client sees it. */
  ClientView view(String dialogId);

  /** The client writes; refused (409) when the dialog is closed. */
  TranscriptMessage say(String dialogId, String text);

  /**
   * The client leaves: the dialog closes, whoever has it (a waiting one leaves the queue and counts as
   * abandoned), and its scenario ends. Leaving a closed dialog changes nothing.
   */
  ClientView leave(String dialogId);

  /**
   * What the client sees of each dialog that changes without a transcript line (its state and its operator), by
   * id, in one look: open chat pages need a closer look only when it moved. Dialogs that do not exist are absent.
   */
  Map<String, Mark> marks(Collection<String> dialogIds);

  /** A dialog's state and operator (null unless one has it). */
  record Mark(String state, String operatorId) {

    boolean waiting() {
      return "QUEUED".equals(state) || "REQUESTED".equals(state);
    }
  }

  /** The names of the operators, by id, for the lines they wrote. */
  Map<String, String> operatorNames(Collection<String> operatorIds);

  /**
   * A dialog as its client sees it: {@code state} is the dialog's ({@code BOT}, {@code REQUESTED},
   * {@code QUEUED}, {@code TAKEN_OVER}, {@code CLOSED}); the operator is the one who has it, else null; the
   * queue position and the estimated wait (seconds) are there while it waits in the queue, when known.
   */
  record ClientView(String dialogId, String state, Operator operator, Integer queuePosition,
      Long estimatedWaitSeconds) {

    public record Operator(String id, String name) {
    }

    boolean closed() {
      return "CLOSED".equals(state);
    }

    Mark mark() {
      return new Mark(state, operator == null ? null : operator.id());
    }
  }
}
