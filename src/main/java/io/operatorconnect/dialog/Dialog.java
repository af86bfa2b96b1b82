package io.operatorconnect.dialog;

import io.operatorconnect.routing.DistributionMethod;
import java.time.Instant;

/**
 * A chat dialog as stored, with the routing request of its last connect action (what the queue
 * serves it by).
 */
public record Dialog(
    String id,
    String channel,
    String clientId,
    String scenario,
    String processInstanceId,
    DialogState state,
    String operatorId,
    String operatorTaskId,
    String connectResult,
    String subject,
    String requestedOperatorId,
    DistributionMethod method,
    boolean onlyOnline,
    int priority,
    String connectedMessage,
    Instant createdAt,
    Instant queuedAt,
    Instant assignedAt,
    Instant closedAt) {
}
