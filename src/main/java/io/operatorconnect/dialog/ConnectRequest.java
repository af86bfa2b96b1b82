package io.operatorconnect.dialog;

import io.operatorconnect.routing.DistributionMethod;

/**
 * What a connect action asks for, read from its {@code config} and separate inputs.
 *
 * @param autoConnect      the scenario asks for automatic connection ({@code auto_connect_operator})
 * @param subject          {@code subject_alias}: the skill group, or {@code null}
 * @param queue            {@code status: "queue"}: wait in the queue even when an operator is free
 * @param assignedOperator {@code assigned_operator}, or {@code null}
 * @param method           {@code method}, or {@code null} for the panel setting
 * @param onlyOnline       {@code only_online}; {@code false} lets AWAY operators receive the dialog
 * @param message          sent to the client when an operator is connected, or {@code null}
 * @param waitingMessage   sent to the client when the dialog starts waiting, or {@code null}
 * @param priority         higher is served first from the queue
 */
public record ConnectRequest(
    boolean autoConnect,
    String subject,
    boolean queue,
    String assignedOperator,
    DistributionMethod method,
    boolean onlyOnline,
    String message,
    String waitingMessage,
    int priority) {

  /** The request a waiting dialog is served by, as its connect action stored it. */
  public static ConnectRequest of(Dialog waiting) {
    return new ConnectRequest(true, waiting.subject(), waiting.state() == DialogState.QUEUED,
        waiting.requestedOperatorId(), waiting.method(), waiting.onlyOnline(), waiting.connectedMessage(), null,
        waiting.priority());
  }
}
