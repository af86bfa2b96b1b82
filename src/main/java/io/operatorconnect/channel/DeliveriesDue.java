package io.operatorconnect.channel;

/**
 * Published inside a transaction after which deliveries may be due: one was written to the outbox, a
 * channel got a webhook, a failed one is to be sent again. The dispatcher looks once it commits.
 */
record DeliveriesDue(String channel) {
}
