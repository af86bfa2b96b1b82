package io.operatorconnect.queue;

/**
 * Published inside a transaction that may let the queue move on: a slot was freed, an operator
 * came online, a limit was raised, a dialog was queued, auto-connect was turned on. The dispatcher
 * serves the queue once that transaction has committed.
 */
public record DrainRequest(String cause) {
}
