package io.operatorconnect.dialog;

import java.time.Instant;

/**
 * A dialog as {@code GET /api/dialogs/{id}} shows it. {@code queuePosition} counts the whole queue;
 * {@code estimatedWaitSeconds} is what {@code queue.WaitEstimator} expects the queued dialog still to
 * wait, null when it is not queued or nothing has been handled yet to go by. {@code connectError} says why the
 * connect action could not work as configured, while {@code connectResult} is {@code error};
 * {@code closeOutcome} and {@code closeNote} are what the operator who closed it said of it.
 */
public record DialogView(
    String id,
    String channel,
    String clientId,
    String scenario,
    String processInstanceId,
    DialogState state,
    String operatorId,
    Integer queuePosition,
    Long estimatedWaitSeconds,
    ConnectResult connectResult,
    String connectError,
    String subject,
    String requestedOperatorId,
    int priority,
    Instant createdAt,
    Instant queuedAt,
    Instant assignedAt,
    Instant closedAt,
    String closeOutcome,
    String closeNote) {

  static DialogView of(Dialog dialog, Integer queuePosition, Long estimatedWaitSeconds, DialogNotes.Notes notes) {
    return new DialogView(dialog.id(), dialog.channel(), dialog.clientId(), dialog.scenario(),
        dialog.processInstanceId(), dialog.state(), dialog.operatorId(), queuePosition, estimatedWaitSeconds,
        dialog.connectResult(), dialog.connectResult() == ConnectResult.ERROR ? notes.connectError() : null, dialog.subject(), dialog.requestedOperatorId(), dialog.priority(), dialog.createdAt(),
        dialog.queuedAt(), dialog.assignedAt(), dialog.closedAt(),
        dialog.state() == DialogState.CLOSED ? notes.closeOutcome() : null,
        dialog.state() == DialogState.CLOSED ? notes.closeNote() : null);
  }
}
