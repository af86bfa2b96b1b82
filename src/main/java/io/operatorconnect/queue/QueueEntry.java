package io.operatorconnect.queue;

import io.operatorconnect.dialog.Dialog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One waiting dialog in the In Queue folder; {@code waitingSeconds} counts from when it first started waiting. */
public record QueueEntry(int position, String dialogId, String channel, String clientId, String subject,
    String requestedOperatorId, int priority, Instant queuedAt, long waitingSeconds) {

  /** Entries for dialogs given in serving order, numbered from 1. */
  public static List<QueueEntry> of(List<Dialog> queued, Instant now) {
    List<QueueEntry> entries = new ArrayList<>(queued.size());
    for (Dialog dialog : queued) {
      entries.add(new QueueEntry(entries.size() + 1, dialog.id(), dialog.channel(), dialog.clientId(),
          dialog.subject(), dialog.requestedOperatorId(), dialog.priority(), dialog.queuedAt(),
          Duration.between(dialog.queuedAt(), now).toSeconds()));
    }
    return entries;
  }
}
