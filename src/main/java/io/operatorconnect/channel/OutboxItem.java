package io.operatorconnect.channel;

import java.time.Instant;

/**
 * One delivery of the outbox: what the channel's webhook receives, with its delivery id, the same on every
 * try. {@code from} is set for a message only; {@code operatorId} and {@code operatorName} when an operator
 * is concerned.
 */
public record OutboxItem(String id, String dialogId, String channel, String clientId, ClientEventType type,
    Sender from, String text, String operatorId, String operatorName, Instant at) {
}
