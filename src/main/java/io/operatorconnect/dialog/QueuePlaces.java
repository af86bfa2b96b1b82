package io.operatorconnect.dialog;

import java.util.Optional;

/**
 * Where a dialog stands in the waiting queue, for the dialog's own answers (a connect action's
 * {@code queue_position}, the API's {@code queuePosition}); the queue feature answers it. A port, so that
 * the dialog feature need not know the queue.
 */
public interface QueuePlaces {

  /** 1 for the head of the queue; empty for a dialog that is not queued. */
  Optional<Integer> queuePosition(Dialog dialog);

  /** Queued dialogs that a new dialog of this subject and channel, at this priority, must not overtake. */
  int waitingAhead(String subject, String channel, int priority);
}
