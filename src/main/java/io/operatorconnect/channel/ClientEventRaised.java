package io.operatorconnect.channel;

/**
 * Published inside the transaction that tells a dialog's client of an event (not a message, which
 * {@link MessageAppended} announces): the web chat refreshes the client's page once it has committed.
 */
public record ClientEventRaised(String dialogId, ClientEventType type) {
}
