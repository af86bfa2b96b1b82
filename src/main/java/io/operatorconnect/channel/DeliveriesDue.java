package io.operatorconnect.channel;

/**
 * Published inside a transaction after which deliveries may be due: one was written to the outbox (of
 * {@code dialogId}), a channel got a webhook, a failed one is to be sent again (no dialog: any may be due). The
 * dispatcher looks once it commits.
 */
record DeliveriesDue(String channel, String dialogId) {

  static DeliveriesDue onChannel(String channel) {
    return new DeliveriesDue(channel, null);
  }
}
