package io.operatorconnect.dialog;

import io.operatorconnect.routing.DistributionMethod;
import java.time.Instant;

/**
 * A chat dialog as stored, with the routing request of its last connect action (what the queue
 * serves it by). {@code lastOperatorId}: the operator who last gave it back to the queue, whom the queue
 * serves it to only when nobody else can take it.
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
    ConnectResult connectResult,
    String subject,
    String requestedOperatorId,
    DistributionMethod method,
    boolean onlyOnline,
    int priority,
    String connectedMessage,
    Instant createdAt,
    Instant queuedAt,
    Instant assignedAt,
    Instant closedAt,
    String lastOperatorId) {

  /** The dialog after a change of its state, its operator, its task, its connect result or its times. */
  Dialog withState(DialogState state, String operatorId, String operatorTaskId, ConnectResult connectResult,
      Instant queuedAt, Instant assignedAt, Instant closedAt) {
    return new Dialog(id, channel, clientId, scenario, processInstanceId, state, operatorId, operatorTaskId,
        connectResult, subject, requestedOperatorId, method, onlyOnline, priority, connectedMessage, createdAt,
        queuedAt, assignedAt, closedAt, lastOperatorId);
  }

  /** The dialog with another routing request recorded. */
  Dialog withRequest(String subject, String requestedOperatorId, DistributionMethod method, boolean onlyOnline,
      int priority, String connectedMessage) {
    return new Dialog(id, channel, clientId, scenario, processInstanceId, state, operatorId, operatorTaskId,
        connectResult, subject, requestedOperatorId, method, onlyOnline, priority, connectedMessage, createdAt,
        queuedAt, assignedAt, closedAt, lastOperatorId);
  }

  Dialog withProcessInstance(String processInstanceId) {
    return new Dialog(id, channel, clientId, scenario, processInstanceId, state, operatorId, operatorTaskId,
        connectResult, subject, requestedOperatorId, method, onlyOnline, priority, connectedMessage, createdAt,
        queuedAt, assignedAt, closedAt, lastOperatorId);
  }

  /** The dialog after its operator gave it back to the queue: they are its last operator. */
  Dialog withLastOperator(String lastOperatorId) {
    return new Dialog(id, channel, clientId, scenario, processInstanceId, state, operatorId, operatorTaskId,
        connectResult, subject, requestedOperatorId, method, onlyOnline, priority, connectedMessage, createdAt,
        queuedAt, assignedAt, closedAt, lastOperatorId);
  }

  Dialog withOperatorTask(String operatorTaskId) {
    return withState(state, operatorId, operatorTaskId, connectResult, queuedAt, assignedAt, closedAt);
  }

  Dialog withConnectResult(ConnectResult connectResult) {
    return withState(state, operatorId, operatorTaskId, connectResult, queuedAt, assignedAt, closedAt);
  }

  Dialog withSubject(String subject) {
    return withRequest(subject, requestedOperatorId, method, onlyOnline, priority, connectedMessage);
  }
}
