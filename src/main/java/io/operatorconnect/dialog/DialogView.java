package io.operatorconnect.dialog;

import java.time.Instant;

/** A dialog as {@code GET /api/dialogs/{id}} shows it. */
public record DialogView(
    String id,
    String channel,
    String clientId,
    String scenario,
    String processInstanceId,
    DialogState state,
    String operatorId,
    Integer queuePosition,
    String connectResult,
    String subject,
    String requestedOperatorId,
    int priority,
    Instant createdAt,
    Instant queuedAt,
    Instant assignedAt,
    Instant closedAt) {

  static DialogView of(Dialog dialog, Integer queuePosition) {
    return new DialogView(dialog.id(), dialog.channel(), dialog.clientId(), dialog.scenario(),
        dialog.processInstanceId(), dialog.state(), dialog.operatorId(), queuePosition, dialog.connectResult(),
        dialog.subject(), dialog.requestedOperatorId(), dialog.priority(), dialog.createdAt(), dialog.queuedAt(),
        dialog.assignedAt(), dialog.closedAt());
  }
}
