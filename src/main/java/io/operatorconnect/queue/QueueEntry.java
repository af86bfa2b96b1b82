package io.operatorconnect.queue;

import io.operatorconnect.dialog.Dialog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One waiting dialog in the In Queue folder; {@code waitingSeconds} counts from when it first started
 * waiting, {@code estimatedWaitSeconds} is the wait still expected ({@link WaitEstimate}), null when
 * nothing has been handled yet to go by.
 */
public record QueueEntry(int position, String dialogId, String channel, String clientId, String subject,
    String requestedOperatorId, int priority, Instant queuedAt, long waitingSeconds, Long estimatedWaitSeconds) {

  /** Entries for dialogs given in serving order, numbered from 1, with the estimates by dialog id. */
  public static List<QueueEntry> of(List<Dialog> queued, Map<String, Long> estimatedWaitSeconds, Instant now) {
    List<QueueEntry> entries = new ArrayList<>(queued.size());
    for (Dialog dialog : queued) {
      entries.add(new QueueEntry(entries.size() + 1, dialog.id(), dialog.channel(), dialog.clientId(),
          dialog.subject(), dialog.requestedOperatorId(), dialog.priority(), dialog.queuedAt(),
          Duration.between(dialog.queuedAt(), now).toSeconds(), estimatedWaitSeconds.get(dialog.id())));
    }
    return entries;
  }
}
