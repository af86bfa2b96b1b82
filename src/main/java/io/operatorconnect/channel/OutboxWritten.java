package io.operatorconnect.channel;

/** Published inside the transaction that writes a delivery to the outbox: the dispatcher looks once it commits. */
record OutboxWritten(String channel) {
}
